package org.baclofencds.testehr;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.ConfigurationException;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.IDaoRegistry;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.binstore.DatabaseBinaryContentStorageSvcImpl;
import ca.uhn.fhir.jpa.config.HibernatePropertiesProvider;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.config.util.ResourceCountCacheUtil;
import ca.uhn.fhir.jpa.dao.FulltextSearchSvcImpl;
import ca.uhn.fhir.jpa.dao.IFulltextSearchSvc;
import ca.uhn.fhir.jpa.dao.search.HSearchSortHelperImpl;
import ca.uhn.fhir.jpa.dao.search.IHSearchSortHelper;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect;
import ca.uhn.fhir.jpa.packages.IPackageInstallerSvc;
import ca.uhn.fhir.jpa.packages.PackageInstallationSpec;
import ca.uhn.fhir.jpa.provider.DaoRegistryResourceSupportedSvc;
import ca.uhn.fhir.jpa.provider.IJpaSystemProvider;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.provider.ValueSetOperationProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.jpa.search.IStaleSearchDeletingSvc;
import ca.uhn.fhir.jpa.search.StaleSearchDeletingSvcImpl;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.jpa.util.ResourceCountCache;
import ca.uhn.fhir.narrative.DefaultThymeleafNarrativeGenerator;
import ca.uhn.fhir.narrative2.NullNarrativeGenerator;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.IResourceSupportedSvc;
import ca.uhn.fhir.rest.server.IncomingRequestAddressStrategy;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.dialect.Dialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.orm.jpa.JpaProperties;
import org.springframework.boot.orm.jpa.hibernate.SpringImplicitNamingStrategy;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.transaction.annotation.EnableTransactionManagement;

/**
 * The JPA server's beans, following the starter's {@code FhirServerConfigCommon}, {@code FhirServerConfigR4}
 * and {@code StarterJpaConfig}. Plugins come in as in the starter: {@code hapi.fhir.custom-bean-packages} is a
 * Spring component scan (so {@code @Component}/{@code @Configuration} classes there become beans), and the
 * classes named in {@code hapi.fhir.custom-interceptor-classes} / {@code custom-provider-classes} are
 * registered on the RestfulServer, taken from the application context when they are beans there and
 * instantiated with their no-argument constructor otherwise.
 */
@Configuration
@EnableTransactionManagement
@ComponentScan(basePackages = {"${hapi.fhir.custom-bean-packages:}"})
@Import({
    JpaR4Config.class,
    ThreadPoolFactoryConfig.class,
    JpaBatch2Config.class,
    Batch2JobsConfig.class,
    SubscriptionChannelConfig.class
})
public class EhrServerConfig {

    private static final Logger LOG = LoggerFactory.getLogger(EhrServerConfig.class);

    @Bean
    public JpaStorageSettings jpaStorageSettings(EhrProperties properties) {
        JpaStorageSettings settings = new JpaStorageSettings();
        settings.setEnforceReferentialIntegrityOnWrite(properties.getEnforce_referential_integrity_on_write());
        settings.setEnforceReferentialIntegrityOnDelete(properties.getEnforce_referential_integrity_on_delete());
        settings.setAutoCreatePlaceholderReferenceTargets(properties.getAuto_create_placeholder_reference_targets());
        settings.setAllowExternalReferences(properties.getAllow_external_references());
        settings.setAllowMultipleDelete(properties.getAllow_multiple_delete());
        settings.setExpungeEnabled(properties.getExpunge_enabled());
        settings.setReuseCachedSearchResultsForMillis(properties.getReuse_cached_search_results_millis());
        settings.setExpireSearchResultsAfterMillis(properties.getRetain_cached_searches_mins() * 60 * 1000);
        settings.setFetchSizeDefaultMaximum(properties.getMax_page_size());
        if (!properties.getSearch_prefetch_thresholds().isEmpty()) {
            settings.setSearchPreFetchThresholds(properties.getSearch_prefetch_thresholds());
        }
        settings.setTreatReferencesAsLogical(properties.getLogical_urls());
        settings.setResourceClientIdStrategy(properties.getClient_id_strategy());
        // trimmed: no full-text (Lucene) indexing, no subscriptions
        settings.setHibernateSearchIndexSearchParams(false);
        settings.setHibernateSearchIndexFullText(false);
        LOG.info(
                "Referential integrity on write {}, identical searches reused for {} ms",
                settings.isEnforceReferentialIntegrityOnWrite() ? "enforced" : "not enforced",
                settings.getReuseCachedSearchResultsForMillis());
        return settings;
    }

    @Bean
    public SubscriptionSettings subscriptionSettings() {
        return new SubscriptionSettings();
    }

    @Bean
    public PartitionSettings partitionSettings() {
        return new PartitionSettings();
    }

    @Bean
    public DatabaseBinaryContentStorageSvcImpl databaseBinaryStorageSvc() {
        return new DatabaseBinaryContentStorageSvcImpl();
    }

    @Primary
    @Bean
    public LocalContainerEntityManagerFactoryBean entityManagerFactory(
            JpaProperties jpaProperties,
            DataSource dataSource,
            ConfigurableListableBeanFactory beanFactory,
            FhirContext fhirContext,
            JpaStorageSettings storageSettings) {
        LocalContainerEntityManagerFactoryBean factory =
                HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
        Map<String, String> props = jpaProperties.getProperties();
        props.putIfAbsent(AvailableSettings.SCANNER, "org.hibernate.boot.archive.scan.internal.DisabledScanner");
        props.putIfAbsent(AvailableSettings.IMPLICIT_NAMING_STRATEGY, SpringImplicitNamingStrategy.class.getName());
        props.putIfAbsent(
                AvailableSettings.PHYSICAL_NAMING_STRATEGY, CamelCaseToUnderscoresNamingStrategy.class.getName());
        props.putIfAbsent(AvailableSettings.HBM2DDL_AUTO, "update");
        props.putIfAbsent(AvailableSettings.STATEMENT_BATCH_SIZE, "20");
        props.putIfAbsent(AvailableSettings.USE_QUERY_CACHE, "false");
        props.putIfAbsent(AvailableSettings.USE_SECOND_LEVEL_CACHE, "false");
        props.putIfAbsent("hibernate.search.enabled", "false");
        factory.setPersistenceUnitName("HAPI_PU");
        factory.setJpaPropertyMap(props);
        factory.setDataSource(dataSource);
        return factory;
    }

    @Bean
    @Primary
    public JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
        JpaTransactionManager manager = new JpaTransactionManager();
        manager.setEntityManagerFactory(entityManagerFactory);
        return manager;
    }

    /** The dialect named in the configuration (H2 by default), as the starter's provider does. */
    @Primary
    @Bean
    public HibernatePropertiesProvider jpaStarterDialectProvider(LocalContainerEntityManagerFactoryBean factory) {
        Object name = factory.getJpaPropertyMap().get(AvailableSettings.DIALECT);
        Dialect dialect;
        try {
            dialect = name == null
                    ? new HapiFhirH2Dialect()
                    : (Dialect) Class.forName(name.toString()).getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new ConfigurationException("Unusable hibernate.dialect " + name, e);
        }
        return new HibernatePropertiesProvider() {
            @Override
            public Dialect getDialect() {
                return dialect;
            }
        };
    }

    @Bean
    public IFulltextSearchSvc fullTextSearchSvc() {
        return new FulltextSearchSvcImpl();
    }

    @Bean
    public IStaleSearchDeletingSvc staleSearchDeletingSvc() {
        return new StaleSearchDeletingSvcImpl();
    }

    @Bean
    public IHSearchSortHelper hSearchSortHelper(ISearchParamRegistry searchParamRegistry) {
        return new HSearchSortHelperImpl(searchParamRegistry);
    }

    @Bean
    public DatabaseBackedPagingProvider databaseBackedPagingProvider(EhrProperties properties) {
        DatabaseBackedPagingProvider paging = new DatabaseBackedPagingProvider();
        paging.setDefaultPageSize(properties.getDefault_page_size());
        paging.setMaximumPageSize(properties.getMax_page_size());
        return paging;
    }

    @Bean
    public IResourceSupportedSvc resourceSupportedSvc(IDaoRegistry daoRegistry) {
        return new DaoRegistryResourceSupportedSvc(daoRegistry);
    }

    @Bean(name = "myResourceCountsCache")
    public ResourceCountCache resourceCountsCache(IFhirSystemDao<?, ?> systemDao) {
        return ResourceCountCacheUtil.newResourceCountCache(systemDao);
    }

    /**
     * {@code hapi.fhir.implementationguides}: each package is installed at start-up, as in the starter
     * (which also excludes the core packages from the transitive dependencies).
     */
    @Bean("packageInstaller")
    @Primary
    @Conditional(ImplementationGuidesPresent.class)
    public IPackageInstallerSvc packageInstaller(EhrProperties properties, IPackageInstallerSvc installer) {
        for (Map.Entry<String, PackageInstallationSpec> guide :
                properties.getImplementationGuides().entrySet()) {
            PackageInstallationSpec spec = guide.getValue();
            if (properties.getInstall_transitive_ig_dependencies()) {
                spec.addDependencyExclude("hl7.fhir.r2.core")
                        .addDependencyExclude("hl7.fhir.r3.core")
                        .addDependencyExclude("hl7.fhir.r4.core")
                        .addDependencyExclude("hl7.fhir.r5.core");
            }
            LOG.info("Installing package {}#{}", spec.getName(), spec.getVersion());
            installer.install(spec);
        }
        return installer;
    }

    @Bean
    public RestfulServer restfulServer(
            IFhirSystemDao<?, ?> systemDao,
            EhrProperties properties,
            IJpaSystemProvider jpaSystemProvider,
            ResourceProviderFactory resourceProviderFactory,
            JpaStorageSettings storageSettings,
            ISearchParamRegistry searchParamRegistry,
            IValidationSupport validationSupport,
            DatabaseBackedPagingProvider pagingProvider,
            ValueSetOperationProvider valueSetOperationProvider,
            ApplicationContext appContext) {
        FhirContext fhirContext = systemDao.getContext();
        RestfulServer server = new RestfulServer(fhirContext);
        fhirContext.setNarrativeGenerator(
                properties.getNarrative_enabled()
                        ? new DefaultThymeleafNarrativeGenerator()
                        : new NullNarrativeGenerator());
        server.registerProviders(resourceProviderFactory.createProviders());
        server.registerProvider(jpaSystemProvider);
        JpaCapabilityStatementProvider capabilities = new JpaCapabilityStatementProvider(
                server, systemDao, storageSettings, searchParamRegistry, validationSupport);
        capabilities.setImplementationDescription("HAPI FHIR R4 Server");
        server.setServerConformanceProvider(capabilities);
        server.setDefaultPrettyPrint(properties.getDefault_pretty_print());
        server.setDefaultResponseEncoding(EncodingEnum.JSON);
        server.setPagingProvider(pagingProvider);
        server.setServerAddressStrategy(new IncomingRequestAddressStrategy());
        server.registerProvider(valueSetOperationProvider);
        for (Object interceptor : customObjects(appContext, properties.getCustomInterceptorClasses(), "interceptor")) {
            server.registerInterceptor(interceptor);
        }
        for (Object provider : customObjects(appContext, properties.getCustomProviderClasses(), "provider")) {
            server.registerProvider(provider);
        }
        return server;
    }

    /** The starter's rule: the bean of that class if the context has one, else a new instance. */
    private static List<Object> customObjects(ApplicationContext appContext, List<String> classNames, String kind) {
        return classNames.stream()
                .map(className -> {
                    Class<?> type;
                    try {
                        type = Class.forName(className);
                    } catch (ClassNotFoundException e) {
                        throw new ConfigurationException(
                                "Custom " + kind + " class was not found on the classpath: " + className, e);
                    }
                    try {
                        Object bean = appContext.getBean(type);
                        LOG.info("Registering custom {} (a bean): {}", kind, className);
                        return bean;
                    } catch (NoSuchBeanDefinitionException notABean) {
                        try {
                            Object created = type.getConstructor().newInstance();
                            LOG.info("Registering custom {} (instantiated): {}", kind, className);
                            return created;
                        } catch (ReflectiveOperationException e) {
                            throw new ConfigurationException("Cannot instantiate custom " + kind + " " + className, e);
                        }
                    }
                })
                .toList();
    }
}
