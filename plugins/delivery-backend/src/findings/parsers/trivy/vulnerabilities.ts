import { FindingCategory, ParsedFinding } from '@slipway/plugin-delivery-node';
import { hashFingerprint, invalid, isObject, str } from '../common';
import {
  Context,
  entry,
  imageOf,
  list,
  location,
  references,
  TRIVY,
} from './context';
import { trivySeverity } from './severity';

/** `Type`s of operating-system results, for legacy results that have no `Class`. */
const OS_TYPES = new Set(
  'alma alpine amazon azurelinux bottlerocket cbl-mariner centos chainguard debian echo fedora minimos opensuse opensuse.leap opensuse.tumbleweed oracle photon redhat rocky sles suse ubuntu wolfi'.split(
    ' ',
  ),
);

/** Whether a result holds OS packages: its `Class`, or for legacy results its OS `Type`. */
function isOsPackages(ctx: Context): boolean {
  const cls = str(ctx.result.Class);
  return cls ? cls === 'os-pkgs' : OS_TYPES.has(String(ctx.result.Type));
}

/**
 * The vulnerabilities of one result: 'container' for OS packages of an image (also rootfs/vm, and
 * legacy/k8s results, which are images); 'dependency' for language packages and for OS packages
 * of a filesystem or repository.
 */
export function vulnerabilities(ctx: Context): ParsedFinding[] {
  const os = isOsPackages(ctx);
  const category: FindingCategory =
    os && ctx.artifactType !== 'filesystem' && ctx.artifactType !== 'repository'
      ? 'container'
      : 'dependency';
  const image = imageOf(ctx, os);
  return list(ctx, 'Vulnerabilities').map((value, i) => {
    const field = `${ctx.field}.Vulnerabilities[${i}]`;
    const v = entry(value, field);
    const ruleId =
      str(v.VulnerabilityID) ??
      invalid(TRIVY, `${field}.VulnerabilityID`, 'is missing');
    const pkg = str(v.PkgName) ?? str(v.PkgID);
    const version = str(v.InstalledVersion);
    const pkgPath = str(v.PkgPath);
    const aliases = (Array.isArray(v.VendorIDs) ? v.VendorIDs : []).filter(
      (id): id is string => !!str(id) && id !== ruleId,
    );
    const layer = isObject(v.Layer) ? str(v.Layer.DiffID) : undefined;
    return {
      fingerprint: hashFingerprint(
        category,
        ruleId,
        pkg,
        version,
        ctx.target,
        ...(pkgPath ? [pkgPath] : []),
      ),
      category,
      severity: trivySeverity(v),
      ruleId,
      ...(aliases.length ? { aliases: [...new Set(aliases)] } : {}),
      title: str(v.Title) ?? ruleId,
      description: str(v.Description),
      package: pkg,
      installedVersion: version,
      fixedVersion: str(v.FixedVersion),
      location: location({
        path: pkgPath ?? (os ? undefined : ctx.rawTarget),
        image,
        layer,
      }),
      target: ctx.target,
      references: references(v.PrimaryURL, v.References),
    };
  });
}
