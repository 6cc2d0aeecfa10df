package org.baclofencds.testehr;

import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.packages.PackageInstallationSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * The part of the starter's {@code hapi.fhir.*} configuration this server understands, under the starter's
 * property names and with the starter's defaults, so one {@code application.yaml} works for both. Accessor
 * names follow the starter's (snake case where it uses snake case), because Spring derives the accepted
 * property names from them.
 */
@Configuration
@EnableConfigurationProperties
@ConfigurationProperties(prefix = "hapi.fhir")
public class EhrProperties {

    private final List<String> custom_interceptor_classes = new ArrayList<>();
    private final List<String> custom_provider_classes = new ArrayList<>();
    private final Set<String> logical_urls = new HashSet<>();
    private Map<String, PackageInstallationSpec> implementationGuides = null;
    private Boolean install_transitive_ig_dependencies = true;
    private Boolean enforce_referential_integrity_on_write = true;
    private Boolean enforce_referential_integrity_on_delete = true;
    private Boolean auto_create_placeholder_reference_targets = false;
    private Boolean allow_external_references = false;
    private Boolean allow_multiple_delete = false;
    private Boolean expunge_enabled = true;
    private Boolean narrative_enabled = true;
    private Boolean default_pretty_print = true;
    private Integer default_page_size = 20;
    private Integer max_page_size = Integer.MAX_VALUE;
    private Long reuse_cached_search_results_millis = 60000L;
    private Long retain_cached_searches_mins = 60L;
    private List<Integer> search_prefetch_thresholds = new ArrayList<>();
    private JpaStorageSettings.ClientIdStrategyEnum client_id_strategy =
            JpaStorageSettings.ClientIdStrategyEnum.ALPHANUMERIC;

    public List<String> getCustomInterceptorClasses() {
        return custom_interceptor_classes;
    }

    public List<String> getCustomProviderClasses() {
        return custom_provider_classes;
    }

    public Set<String> getLogical_urls() {
        return logical_urls;
    }

    public Map<String, PackageInstallationSpec> getImplementationGuides() {
        return implementationGuides;
    }

    public void setImplementationGuides(Map<String, PackageInstallationSpec> implementationGuides) {
        this.implementationGuides = implementationGuides;
    }

    public Boolean getInstall_transitive_ig_dependencies() {
        return install_transitive_ig_dependencies;
    }

    public void setInstall_transitive_ig_dependencies(Boolean value) {
        this.install_transitive_ig_dependencies = value;
    }

    public Boolean getEnforce_referential_integrity_on_write() {
        return enforce_referential_integrity_on_write;
    }

    public void setEnforce_referential_integrity_on_write(Boolean value) {
        this.enforce_referential_integrity_on_write = value;
    }

    public Boolean getEnforce_referential_integrity_on_delete() {
        return enforce_referential_integrity_on_delete;
    }

    public void setEnforce_referential_integrity_on_delete(Boolean value) {
        this.enforce_referential_integrity_on_delete = value;
    }

    public Boolean getAuto_create_placeholder_reference_targets() {
        return auto_create_placeholder_reference_targets;
    }

    public void setAuto_create_placeholder_reference_targets(Boolean value) {
        this.auto_create_placeholder_reference_targets = value;
    }

    public Boolean getAllow_external_references() {
        return allow_external_references;
    }

    public void setAllow_external_references(Boolean value) {
        this.allow_external_references = value;
    }

    public Boolean getAllow_multiple_delete() {
        return allow_multiple_delete;
    }

    public void setAllow_multiple_delete(Boolean value) {
        this.allow_multiple_delete = value;
    }

    public Boolean getExpunge_enabled() {
        return expunge_enabled;
    }

    public void setExpunge_enabled(Boolean value) {
        this.expunge_enabled = value;
    }

    public Boolean getNarrative_enabled() {
        return narrative_enabled;
    }

    public void setNarrative_enabled(Boolean value) {
        this.narrative_enabled = value;
    }

    public Boolean getDefault_pretty_print() {
        return default_pretty_print;
    }

    public void setDefault_pretty_print(Boolean value) {
        this.default_pretty_print = value;
    }

    public Integer getDefault_page_size() {
        return default_page_size;
    }

    public void setDefault_page_size(Integer value) {
        this.default_page_size = value;
    }

    public Integer getMax_page_size() {
        return max_page_size;
    }

    public void setMax_page_size(Integer value) {
        this.max_page_size = value;
    }

    public Long getReuse_cached_search_results_millis() {
        return reuse_cached_search_results_millis;
    }

    public void setReuse_cached_search_results_millis(Long value) {
        this.reuse_cached_search_results_millis = value;
    }

    public Long getRetain_cached_searches_mins() {
        return retain_cached_searches_mins;
    }

    public void setRetain_cached_searches_mins(Long value) {
        this.retain_cached_searches_mins = value;
    }

    public List<Integer> getSearch_prefetch_thresholds() {
        return search_prefetch_thresholds;
    }

    public void setSearch_prefetch_thresholds(List<Integer> value) {
        this.search_prefetch_thresholds = value;
    }

    public JpaStorageSettings.ClientIdStrategyEnum getClient_id_strategy() {
        return client_id_strategy;
    }

    public void setClient_id_strategy(JpaStorageSettings.ClientIdStrategyEnum value) {
        this.client_id_strategy = value;
    }
}
