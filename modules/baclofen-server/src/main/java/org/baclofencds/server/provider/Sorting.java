package org.baclofencds.server.provider;

import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.baclofencds.server.store.SearchParameters;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Resource;

/** {@code _sort} on {@code _id}, {@code _lastUpdated} and the date parameters of a type. */
final class Sorting {
    private Sorting() {}

    static <T extends Resource> List<T> sort(String resourceType, List<T> resources, SortSpec sort) {
        if (sort == null) {
            return resources;
        }
        Comparator<T> comparator = null;
        for (SortSpec s = sort; s != null; s = s.getChain()) {
            Comparator<T> next = comparator(resourceType, s.getParamName());
            if (s.getOrder() == SortOrderEnum.DESC) {
                next = next.reversed();
            }
            comparator = comparator == null ? next : comparator.thenComparing(next);
        }
        List<T> sorted = new ArrayList<>(resources);
        sorted.sort(comparator);
        return sorted;
    }

    private static <T extends Resource> Comparator<T> comparator(String resourceType, String name) {
        if ("_id".equals(name)) {
            return Comparator.comparing(r -> r.getIdElement().getIdPart());
        }
        if ("_lastUpdated".equals(name)) {
            return Comparator.comparing(r ->
                    r.getMeta().hasLastUpdated() ? r.getMeta().getLastUpdated().getTime() : Long.MIN_VALUE);
        }
        Map<String, SearchParameters.Param> params = SearchParameters.of(resourceType);
        SearchParameters.Param param = params.get(name);
        if (param == null || param.kind() != SearchParameters.Kind.DATE) {
            throw new InvalidRequestException("Cannot sort " + resourceType + " by '" + name
                    + "': sorting is supported on _id, _lastUpdated and date parameters");
        }
        Function<Resource, List<? extends Base>> values = param.values();
        // Missing dates sort first in ascending order, so "-date" puts the newest known value first.
        return Comparator.comparingLong(r -> values.apply(r).stream()
                .map(SearchParameters::range)
                .filter(java.util.Objects::nonNull)
                .mapToLong(range -> range[0])
                .min()
                .orElse(Long.MIN_VALUE));
    }
}
