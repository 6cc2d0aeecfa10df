package org.baclofencds.server.store;

import ca.uhn.fhir.model.api.IQueryParameterAnd;
import ca.uhn.fhir.model.api.IQueryParameterOr;
import ca.uhn.fhir.model.api.IQueryParameterType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed FHIR search criteria: for each search parameter name, a list of AND-ed groups, each a list of OR-ed
 * values. Values are HAPI's parameter types ({@code TokenParam}, {@code ReferenceParam}, {@code DateParam},
 * {@code StringParam}, {@code UriParam}), so the same criteria can be evaluated in memory or sent to a remote
 * FHIR server through hapi-fhir-client.
 *
 * @param params parameter name → AND list of OR lists (never empty lists)
 */
public record SearchCriteria(Map<String, List<List<IQueryParameterType>>> params) {

    public static final SearchCriteria ALL = new SearchCriteria(Map.of());

    public SearchCriteria {
        Map<String, List<List<IQueryParameterType>>> copy = new LinkedHashMap<>();
        params.forEach((name, ands) -> {
            List<List<IQueryParameterType>> andCopy = new ArrayList<>();
            for (List<IQueryParameterType> ors : ands) {
                if (!ors.isEmpty()) {
                    andCopy.add(List.copyOf(ors));
                }
            }
            if (!andCopy.isEmpty()) {
                copy.put(name, List.copyOf(andCopy));
            }
        });
        params = java.util.Collections.unmodifiableMap(copy);
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean isEmpty() {
        return params.isEmpty();
    }

    /** Builds criteria one parameter at a time. */
    public static final class Builder {
        private final Map<String, List<List<IQueryParameterType>>> params = new LinkedHashMap<>();

        private Builder() {}

        /** Adds one AND-ed group that matches when any of the values matches. */
        public Builder where(String name, IQueryParameterType... anyOf) {
            if (anyOf.length > 0) {
                params.computeIfAbsent(name, n -> new ArrayList<>()).add(List.of(anyOf));
            }
            return this;
        }

        /** Adds HAPI's bound AND/OR list of a {@code @OptionalParam}; a null list adds nothing. */
        public Builder where(String name, IQueryParameterAnd<?> andList) {
            if (andList == null) {
                return this;
            }
            for (IQueryParameterOr<?> or : andList.getValuesAsQueryTokens()) {
                List<IQueryParameterType> values = new ArrayList<>(or.getValuesAsQueryTokens());
                if (!values.isEmpty()) {
                    params.computeIfAbsent(name, n -> new ArrayList<>()).add(values);
                }
            }
            return this;
        }

        public SearchCriteria build() {
            return new SearchCriteria(params);
        }
    }
}
