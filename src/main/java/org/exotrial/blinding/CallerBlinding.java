package org.exotrial.blinding;

import java.util.Collection;
import java.util.Set;
import org.exotrial.security.access.Caller;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DomainResource;

/**
 * Blinding where there is no request to hook, so the caller is given explicitly: registry sync (a subscription is
 * matched and delivered long after its owner's last request), bulk export jobs and view runs (issue 33). The same
 * rules as a search and a read by that caller: criteria may not select by arm while a study is masked, resources are
 * masked copies.
 */
public final class CallerBlinding {

    private final StudyMasking studies;
    private final ArmSearchGuard guard;
    private final ArmMask mask;

    CallerBlinding(StudyMasking studies, ArmSearchGuard guard) {
        this.studies = studies;
        this.guard = guard;
        this.mask = new ArmMask(studies);
    }

    /**
     * Why the owner may not use these criteria (query URLs: {@code Type?param=value} or {@code param=value}), or
     * {@code null} when it may. Stricter than a search: the "limited to unmasked studies" exception does not apply,
     * since a subscription outlives the moment at which its study was checked.
     */
    public String refusal(Caller owner, Collection<String> criteria) {
        String offending = armParameter(owner, criteria);
        return offending == null
                ? null
                : "A subscription may not select by '" + offending + "' while a study is masked: it could"
                        + " select participants of a masked study by arm. Filter by study (study=, trial-study=)"
                        + " instead, or ask an unblinded statistician.";
    }

    /**
     * The first search parameter of the criteria (query URLs) that reads arms, when the owner is blinded and a study is
     * masked; {@code null} when the owner may use them all. Same rule as {@link #refusal}, for callers with their own
     * wording (an export's {@code _typeFilter}).
     */
    public String armParameter(Caller owner, Collection<String> criteria) {
        if (owner.seesArmsWhileMasked() || !studies.anyMasked()) {
            return null;
        }
        for (String criterion : criteria) {
            String offending = guard.offendingParameter(criterion);
            if (offending != null) {
                return offending;
            }
        }
        return null;
    }

    /** The resource as the owner may see it: a masked copy for a blinded owner when it reveals a masked arm. */
    public IBaseResource shown(Caller owner, IBaseResource resource) {
        if (owner.seesArmsWhileMasked()) {
            return resource;
        }
        IBaseResource masked = mask.maskedCopy(resource);
        return masked == null ? resource : masked;
    }

    /** The names of the elements a masked copy lacks ({@link #shown}), whatever their values were. */
    public Set<String> withheldElements() {
        return ArmMask.WITHHELD_ELEMENTS;
    }

    /**
     * Masks the resource in place when the owner may not see what it reveals: for a resource nobody else holds, such
     * as one a bulk export job has just loaded to write to its file. Returns whether anything was withheld.
     */
    public boolean maskInPlace(Caller owner, IBaseResource resource) {
        return !owner.seesArmsWhileMasked() && mask.maskInPlace(resource);
    }

    /**
     * Whether an update changed, as the owner sees the resource, nothing but what blinding withholds: telling a
     * blinded owner that a masked subject "changed" would tell it when its arm was assigned or switched.
     */
    public boolean hidesChange(Caller owner, IBaseResource previous, IBaseResource current) {
        if (owner.seesArmsWhileMasked()
                || !(previous instanceof DomainResource before)
                || !(current instanceof DomainResource after)
                || mask.maskedCopy(after) == null) {
            return false;
        }
        return comparable(shown(owner, before)).equalsDeep(comparable(shown(owner, after)));
    }

    /** A copy without what every update changes (version, time) or blinding adds. */
    private static DomainResource comparable(IBaseResource resource) {
        DomainResource copy = ((DomainResource) resource).copy();
        copy.setMeta(null);
        copy.setIdElement(copy.getIdElement().toVersionless());
        return copy;
    }
}
