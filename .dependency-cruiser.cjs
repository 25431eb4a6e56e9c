/**
 * The layering rule (README "Layout"): data flows down, nothing flows up.
 *
 *   ui/                                         the dashboard's server: calls the CLI's runners
 *   cli/                                        presentation
 *   actions/  persist/  fleet/  export/         the only code that writes; plans and outputs
 *   readiness/  report/  vm/                    analysis: pure functions over records
 *   iommu/                                      analysis of groups, ACS, viability
 *   host/                                       access: reads the root, gathers one HostState
 *   pci/  rom/  system/                         model: pure decoding of bytes and text
 *
 * host/ sits above the model because it parses at the edge with the model's decoders (as
 * pciutils' lib/ uses its header definitions); nothing in the model or the analyses may import
 * host/ or the file system, so every analysis is a function of records a test can build.
 * `npm run lint` runs this; test/unit/layering.test.ts proves the rules fail on a bad example.
 */

const MODEL = '^src/(pci|rom|system)/';
const ANALYSIS = '^src/(iommu|readiness|report|vm)/';
const PURE = '^src/(pci|rom|system|iommu|readiness|report|vm)/';
const IO_MODULES = '^(node:)?(fs|fs/promises|child_process)$';

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'A cycle between files hides which one is the lower layer; split the shared part out.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'pure-layers-no-io',
      comment: 'Model and analysis are pure: they read records, never the file system or processes.',
      severity: 'error',
      from: { path: PURE },
      to: { path: IO_MODULES },
    },
    {
      name: 'pure-layers-no-host',
      comment: 'Model and analysis take records gathered by host/ (a HostState), never a root.',
      severity: 'error',
      from: { path: PURE },
      to: { path: '^src/host/' },
    },
    {
      name: 'model-is-the-floor',
      comment: 'The model (pci/, rom/, system/) decodes bytes and text; it knows no layer above.',
      severity: 'error',
      from: { path: MODEL },
      to: { path: '^src/(host|iommu|readiness|report|vm|actions|persist|fleet|export|cli)/' },
    },
    {
      name: 'host-below-analysis',
      comment: 'host/ gathers records for the analyses; it never calls them.',
      severity: 'error',
      from: { path: '^src/host/' },
      to: { path: '^src/(iommu|readiness|report|vm|actions|persist|fleet|export|cli)/' },
    },
    {
      name: 'iommu-below-checks',
      comment: 'iommu/ (groups, ACS, viability) is used by the readiness checks, the report and VMs.',
      severity: 'error',
      from: { path: '^src/iommu/' },
      to: { path: '^src/(readiness|report|vm|actions|persist|fleet|export|cli)/' },
    },
    {
      name: 'analysis-below-actions',
      comment: 'Analyses return verdicts and plans; only actions/persist write, and the CLI presents.',
      severity: 'error',
      from: { path: ANALYSIS },
      to: { path: '^src/(actions|persist|fleet|export|cli)/' },
    },
    {
      name: 'ui-is-the-top',
      comment:
        "src/ui/ (vfiokit ui) serves the CLI runners' documents over HTTP; only the `ui` command's declaration loads it.",
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(ui/|cli/commands/ui\\.cli\\.ts$)' },
      to: { path: '^src/ui/' },
    },
    {
      name: 'actions-below-cli',
      comment: 'The CLI parses arguments and prints; nothing below it imports it.',
      severity: 'error',
      from: { path: '^src/(actions|persist|fleet|export)/' },
      to: { path: '^src/cli/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
