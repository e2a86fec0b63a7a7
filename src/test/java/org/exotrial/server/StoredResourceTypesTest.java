package org.exotrial.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.mock.env.MockEnvironment;

class StoredResourceTypesTest {

    private static final List<String> HAPI_BEANS = List.of(
            "myPatientDaoR4", "myPatientRpR4", "myClaimDaoR4", "myClaimRpR4", "myBasicDaoR4", "myProcedureDaoR4");

    @Test
    void removesTheBeansOfTypesThatAreNeitherConfiguredNorRequired() {
        var registry = registryWithHapiBeans();

        process(registry, "Procedure");

        assertThat(registry.getBeanDefinitionNames())
                // Procedure configured; Patient and Basic required by the server itself.
                .containsExactlyInAnyOrder("myPatientDaoR4", "myPatientRpR4", "myBasicDaoR4", "myProcedureDaoR4");
    }

    @Test
    void anAsteriskKeepsEveryType() {
        var registry = registryWithHapiBeans();

        process(registry, "*");

        assertThat(registry.getBeanDefinitionNames()).containsExactlyInAnyOrderElementsOf(HAPI_BEANS);
    }

    @Test
    void aNameThatIsNoResourceTypeStopsTheStart() {
        var registry = registryWithHapiBeans();

        assertThatThrownBy(() -> process(registry, "Procedure, Patients"))
                .hasMessageContaining("exotrial.fhir.resource-types")
                .hasMessageContaining("[Patients]");
        assertThat(registry.getBeanDefinitionNames()).hasSize(HAPI_BEANS.size());
    }

    /** HAPI refuses to install a search parameter on a type it does not store, and the start stops. */
    @Test
    void everyTypeTheGuideProfilesOrSearchesIsRequired() {
        var fhir = ca.uhn.fhir.context.FhirContext.forR4Cached();
        var guide = org.exotrial.ig.ImplementationGuide.fromClasspath(fhir);
        java.util.Set<String> used =
                new java.util.TreeSet<>(guide.profilesByType().keySet());
        used.retainAll(fhir.getResourceTypes()); // profiles of resources, not of extensions or data types
        for (var parameter : guide.definitions(fhir, "SearchParameter")) {
            ((org.hl7.fhir.r4.model.SearchParameter) parameter).getBase().forEach(b -> used.add(b.getValue()));
        }

        assertThat(used).isNotEmpty();
        assertThat(StoredResourceTypes.REQUIRED).containsAll(used);
    }

    @Test
    void allOfR4IsStoredByDefault() {
        var yaml = new org.springframework.beans.factory.config.YamlPropertiesFactoryBean();
        yaml.setResources(new org.springframework.core.io.ClassPathResource("application.yaml"));

        assertThat(yaml.getObject().getProperty(StoredResourceTypes.PROPERTY)).isEqualTo(StoredResourceTypes.ALL);
    }

    private static DefaultListableBeanFactory registryWithHapiBeans() {
        var registry = new DefaultListableBeanFactory();
        HAPI_BEANS.forEach(name -> registry.registerBeanDefinition(name, new RootBeanDefinition(Object.class)));
        return registry;
    }

    private static void process(DefaultListableBeanFactory registry, String setting) {
        var types = new StoredResourceTypes();
        types.setEnvironment(new MockEnvironment().withProperty(StoredResourceTypes.PROPERTY, setting));
        types.postProcessBeanDefinitionRegistry(registry);
    }
}
