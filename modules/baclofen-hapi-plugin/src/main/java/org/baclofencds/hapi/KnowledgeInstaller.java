package org.baclofencds.hapi;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.baclofencds.knowledge.Knowledge;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationKnowledge;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts every resource of {@code fhir-resources/} into the server's database under its own id, idempotently: a
 * resource whose stored content equals ours is left alone (a restart writes nothing and versions stay as they
 * are); a missing one is created; a different one (a new release of the plugin) is updated to ours.
 *
 * <p>The server enforces referential integrity, and the MedicationKnowledge resources point at each other
 * (related products): missing ones are first created without those links, then completed once all exist.
 */
public final class KnowledgeInstaller {
    private static final Logger log = LoggerFactory.getLogger(KnowledgeInstaller.class);

    /** What one install did. */
    public record Result(int created, int updated, int unchanged) {}

    private final FhirContext ctx;
    private final DaoRegistry daos;
    private final Knowledge knowledge;

    public KnowledgeInstaller(FhirContext ctx, DaoRegistry daos, Knowledge knowledge) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.daos = Objects.requireNonNull(daos, "daos");
        this.knowledge = Objects.requireNonNull(knowledge, "knowledge");
    }

    public Result install() {
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        List<Resource> toComplete = new ArrayList<>();
        for (IBaseResource r : knowledge.resources()) {
            Resource ours = (Resource) r;
            IFhirResourceDao<IBaseResource> dao = dao(ours);
            Resource stored = stored(dao, ours);
            if (stored == null) {
                Resource first = ours.copy();
                if (first instanceof MedicationKnowledge mk && mk.hasRelatedMedicationKnowledge()) {
                    mk.getRelatedMedicationKnowledge().clear();
                    toComplete.add(ours);
                }
                write(dao, first);
                created++;
            } else if (sameContent(stored, ours)) {
                unchanged++;
            } else {
                write(dao, ours);
                updated++;
            }
        }
        for (Resource ours : toComplete) {
            write(dao(ours), ours);
        }
        Result result = new Result(created, updated, unchanged);
        log.info(
                "baclofen-cds knowledge: {} resources created, {} updated, {} unchanged",
                result.created(),
                result.updated(),
                result.unchanged());
        return result;
    }

    @SuppressWarnings("unchecked")
    private IFhirResourceDao<IBaseResource> dao(Resource resource) {
        return (IFhirResourceDao<IBaseResource>) daos.getResourceDao(resource.fhirType());
    }

    private static Resource stored(IFhirResourceDao<IBaseResource> dao, Resource ours) {
        try {
            return (Resource)
                    dao.read(new IdType(ours.fhirType(), ours.getIdElement().getIdPart()), new SystemRequestDetails());
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return null;
        }
    }

    private static void write(IFhirResourceDao<IBaseResource> dao, Resource resource) {
        Resource copy = resource.copy();
        copy.setId(new IdType(resource.fhirType(), resource.getIdElement().getIdPart()));
        dao.update(copy, new SystemRequestDetails());
    }

    /** Equal once what the server adds on its own (version, time, source) is set aside. */
    private boolean sameContent(Resource stored, Resource ours) {
        return canonical(stored).equals(canonical(ours));
    }

    private String canonical(Resource resource) {
        Resource copy = resource.copy();
        copy.setId(new IdType(resource.fhirType(), resource.getIdElement().getIdPart()));
        copy.getMeta().setVersionId(null);
        copy.getMeta().setLastUpdated(null);
        copy.getMeta().setSource(null);
        IParser parser = ctx.newJsonParser();
        return parser.encodeResourceToString(copy);
    }
}
