package org.exotrial.ig;

import java.util.Map;

/** Proof that the guide was installed at startup; beans that need installed profiles depend on it. */
public record InstalledGuide(String name, String version, Map<String, Integer> resourcesInstalled) {}
