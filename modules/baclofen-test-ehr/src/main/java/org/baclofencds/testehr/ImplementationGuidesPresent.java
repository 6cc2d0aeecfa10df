package org.baclofencds.testehr;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** True when {@code hapi.fhir.implementationguides} names at least one package (the starter's condition). */
public class ImplementationGuidesPresent implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return Binder.get(context.getEnvironment())
                .bind("hapi.fhir", Bindable.of(EhrProperties.class))
                .map(p -> p.getImplementationGuides() != null
                        && !p.getImplementationGuides().isEmpty())
                .orElse(false);
    }
}
