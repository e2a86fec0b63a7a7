package org.exotrial.ig;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.packages.IHapiPackageCacheManager;
import ca.uhn.fhir.jpa.packages.IPackageInstallerSvc;
import ca.uhn.fhir.jpa.packages.PackageInstallationSpec;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.UriParam;
import ca.uhn.fhir.rest.param.UriParamQualifierEnum;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the guide the jar carries into HAPI, once: a restart with the same package skips the (slow) installation, a
 * changed package (an older jar's, same version) replaces the stored one. Either way the profiles are then looked up
 * in the database, and a guide whose profiles are not there stops the server: a profile that is not installed cannot
 * be enforced.
 */
final class GuideInstaller {

    private static final Logger log = LoggerFactory.getLogger(GuideInstaller.class);

    private final IPackageInstallerSvc installer;
    private final IHapiPackageCacheManager packageCache;
    private final DaoRegistry daoRegistry;

    GuideInstaller(IPackageInstallerSvc installer, IHapiPackageCacheManager packageCache, DaoRegistry daoRegistry) {
        this.installer = installer;
        this.packageCache = packageCache;
        this.daoRegistry = daoRegistry;
    }

    InstalledGuide install(ImplementationGuide guide) {
        long start = System.currentTimeMillis();
        Map<String, Integer> installed = Map.of();
        Stored stored = stored(guide);
        if (stored == Stored.SAME) {
            log.info("{}#{} is already installed", guide.name(), guide.version());
        } else {
            if (stored == Stored.DIFFERENT) {
                // HAPI keeps a package it has cached under the same name and version and installs from that copy, not
                // from the bytes given: without this the older jar's guide was installed again at every start.
                packageCache.uninstallPackage(guide.name(), guide.version());
            }
            PackageInstallationSpec spec = new PackageInstallationSpec()
                    .setName(guide.name())
                    .setVersion(guide.version())
                    .setPackageContents(guide.bytes())
                    .setInstallMode(PackageInstallationSpec.InstallModeEnum.STORE_AND_INSTALL)
                    .setFetchDependencies(false);
            // The version stays the same while the guide is developed: replace what an older jar stored.
            spec.setReloadExisting(true);
            installed = installer.install(spec).getResourcesInstalled();
            log.info(
                    "Installed {}#{} in {} ms: {}",
                    guide.name(),
                    guide.version(),
                    System.currentTimeMillis() - start,
                    installed);
        }
        Set<String> missing = new TreeSet<>(
                guide.profilesByType().values().stream().flatMap(Set::stream).collect(Collectors.toSet()));
        missing.removeAll(storedProfileUrls());
        if (guide.profileCount() == 0 || !missing.isEmpty()) {
            throw new IllegalStateException("Implementation guide " + guide.name() + "#" + guide.version()
                    + " is not installed: profiles missing from the database: " + missing
                    + " (HAPI installs only resources with status=active)");
        }
        return new InstalledGuide(guide.name(), guide.version(), installed);
    }

    /** What HAPI's package cache holds under the guide's name and version. */
    private enum Stored {
        NONE,
        SAME,
        DIFFERENT
    }

    private Stored stored(ImplementationGuide guide) {
        try {
            var stored = packageCache.loadPackageContents(guide.name(), guide.version());
            if (stored == null) {
                return Stored.NONE;
            }
            return Arrays.equals(stored.getBytes(), guide.bytes()) ? Stored.SAME : Stored.DIFFERENT;
        } catch (RuntimeException notStored) {
            return Stored.NONE;
        }
    }

    private Set<String> storedProfileUrls() {
        var params = SearchParameterMap.newSynchronous()
                .add("url", new UriParam(ImplementationGuide.PROFILE_BASE).setQualifier(UriParamQualifierEnum.BELOW));
        return daoRegistry
                .getResourceDao("StructureDefinition")
                .search(params, new SystemRequestDetails())
                .getAllResources()
                .stream()
                .map(r -> ((org.hl7.fhir.r4.model.StructureDefinition) r).getUrl())
                .collect(Collectors.toSet());
    }
}
