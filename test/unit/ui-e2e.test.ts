/**
 * The dashboard in a real browser (Debian's chromium via playwright-core) against the server
 * started in-process over the lab snapshots: every PCI function of each snapshot is drawn (the
 * count is the kernel's: the snapshot's /sys/bus/pci/devices), details open on a click, the
 * doctor page lists `vfiokit doctor --json`'s checks, the VM builder prints what `vfiokit config`
 * prints, and the bind flow runs plan → confirm → apply → release → restore over the simulated
 * sysfs (test/helpers/fake-sysfs.ts: a mock, as a kernel that binds cannot run in a unit test).
 * Screenshots go to test/out/ui/ (UPDATE_SCREENSHOTS=1 also writes the README's, docs/img/).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { UiRoot } from '../../src/ui/api.js';
import { startUiServer, type UiServer } from '../../src/ui/server.js';
import { browserSkip, launch, needAssets, UI_ASSETS, UI_OUT, waitCount } from '../helpers/browser.js';
import { repoRoot, runCli } from '../helpers/cli.js';
import { fakeHost, labSnapshot, scratch } from '../helpers/fake-sysfs.js';
import { buildFixture } from '../helpers/fixture-builder.js';
import { hostOf, SHAPES } from '../helpers/mixed-host.js';

const skip = browserSkip();
const LABS = ['desktop', 'legacy', 'noacs', 'server'] as const;
const FIRMWARE = path.join(repoRoot, 'test/fixtures/vm-spec/firmware');
const SPEC = path.join(repoRoot, 'test/fixtures/vm-spec/spec/lab-desktop.yaml');
const DOCS_IMG = path.join(repoRoot, 'docs/img');

let browser: Browser;
let server: UiServer;

const roots: UiRoot[] = LABS.map((lab) => ({
  id: `lab-${lab}`,
  label: `lab-${lab}`,
  source: { root: labSnapshot(lab) },
  live: false,
}));

before(async () => {
  if (skip) return;
  needAssets();
  fs.mkdirSync(UI_OUT, { recursive: true });
  browser = await launch();
  server = await startUiServer({
    state: { roots, readOnly: 'serving a snapshot', firmwareDir: [FIRMWARE], version: 'test' },
    port: 0,
    assets: UI_ASSETS,
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(s: UiServer, hash = ''): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  (page as Page & { errors?: string[] }).errors = errors;
  await page.goto(s.url);
  // The token went into a cookie and out of the address bar.
  assert.equal(page.url(), `${s.origin}/`);
  if (hash) await page.goto(`${s.origin}/${hash}`);
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(UI_OUT, `${name}.png`) });
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    fs.mkdirSync(DOCS_IMG, { recursive: true });
    await page.screenshot({ path: path.join(DOCS_IMG, `ui-${name}.png`) });
  }
}

function sysfsDevices(lab: string): string[] {
  return fs.readdirSync(path.join(labSnapshot(lab as 'desktop'), 'sys/bus/pci/devices')).sort();
}

test('the topology draws every PCI function of each lab snapshot', { skip }, async () => {
  const page = await open(server);
  let labs = 0;
  for (const lab of LABS) {
    await page.selectOption('select[aria-label=root]', `lab-${lab}`);
    await page.waitForSelector(`main[data-root=lab-${lab}] g.node.device`);
    const want = sysfsDevices(lab);
    assert.ok(want.length >= 8, `${lab}: ${want.length} devices in the snapshot`);
    await waitCount(page, 'g.node.device', want.length);
    const drawn = (
      await page.locator('g.node.device').evaluateAll((els) => els.map((e) => e.getAttribute('data-bdf')))
    ).sort();
    assert.deepEqual(drawn, want, lab);
    // Every function of a group with a kernel group gets its region and viability badge.
    const groups = fs.readdirSync(path.join(labSnapshot(lab as 'desktop'), 'sys/kernel/iommu_groups'));
    await waitCount(page, 'g.region', groups.length);
    await shot(page, `topology-${lab}`);
    labs++;
  }
  assert.equal(labs, LABS.length);
  assert.deepEqual((page as Page & { errors?: string[] }).errors, []);
  await page.close();
});

test('clicking a device opens its details: driver from sysfs, the group explanation', { skip }, async () => {
  const page = await open(server);
  await page.selectOption('select[aria-label=root]', 'lab-desktop');
  await page.locator('g.node.device[data-bdf="0000:01:00.0"]').click();
  const details = page.locator('aside.details[data-details="0000:01:00.0"]');
  await details.locator('.explain').waitFor();
  const driver = path.basename(
    fs.readlinkSync(path.join(labSnapshot('desktop'), 'sys/bus/pci/devices/0000:01:00.0/driver')),
  );
  assert.equal(await details.locator('.driver-now').textContent(), driver);
  const explain = JSON.parse(
    runCli(['--root', labSnapshot('desktop'), '--json', 'explain', '0000:01:00.0']).stdout,
  );
  assert.match(
    (await details.textContent()) ?? '',
    new RegExp(`Shares IOMMU group ${explain.kernelGroup.id} with`),
  );
  assert.equal(await details.locator('.path li').count(), explain.path.length);
  await shot(page, 'details');
  await page.close();
});

test('search and the class filter keep the matching functions and the bridges above them', {
  skip,
}, async () => {
  const page = await open(server);
  await page.selectOption('select[aria-label=root]', 'lab-desktop');
  await page.waitForSelector('g.node.device');
  await page.selectOption('select[aria-label=class]', '03');
  await waitCount(page, 'g.node.device', 2);
  const shown = await page
    .locator('g.node.device')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-bdf')));
  // The VGA function and the root port above it.
  assert.deepEqual(shown.sort(), ['0000:00:02.0', '0000:01:00.0']);
  await page.selectOption('select[aria-label=class]', '');
  await page.fill('input[aria-label=search]', 'e1000e');
  await waitCount(page, 'g.node.device', 2);
  await page.close();
});

test('the doctor page lists the checks of vfiokit doctor --json, failures first', { skip }, async () => {
  const page = await open(server, '#doctor');
  await page.selectOption('select[aria-label=root]', 'lab-server');
  await page.waitForSelector('main[data-root=lab-server] li.check');
  const doc = JSON.parse(runCli(['--root', labSnapshot('server'), '--json', 'doctor']).stdout);
  const want = doc.checks.map((c: { id: string; device?: string }) => `${c.id} ${c.device ?? ''}`).sort();
  await waitCount(page, 'li.check', want.length);
  const got = await page
    .locator('li.check')
    .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-check')} ${e.getAttribute('data-device')}`));
  assert.deepEqual([...got].sort(), want);
  const rank = { fail: 0, warn: 1, unknown: 2, ok: 3 } as Record<string, number>;
  const verdicts = await page
    .locator('li.check')
    .evaluateAll((els) => els.map((e) => e.className.split(' ')[1]));
  assert.deepEqual(
    verdicts,
    [...verdicts].sort((a, b) => rank[a] - rank[b]),
  );
  await shot(page, 'doctor');
  await page.close();
});

test('the VM builder prints exactly what vfiokit config qemu and config libvirt print', {
  skip,
}, async () => {
  const page = await open(server, '#vm');
  await page.selectOption('select[aria-label=root]', 'lab-desktop');
  await page.fill('textarea[aria-label="VM spec"]', fs.readFileSync(SPEC, 'utf8'));
  await page.click('button:has-text("Render")');
  await page.waitForSelector('pre.qemu');
  const cli = (kind: string) => {
    const r = runCli(['--root', labSnapshot('desktop'), 'config', kind, SPEC, '--firmware-dir', FIRMWARE]);
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.replace(/\n$/, '');
  };
  assert.equal(await page.locator('pre.qemu').textContent(), cli('qemu'));
  assert.equal(await page.locator('pre.libvirt').textContent(), cli('libvirt'));
  await shot(page, 'vm');
  // A broken spec is one line of error, not a stack trace.
  await page.fill('textarea[aria-label="VM spec"]', 'name: [');
  await page.click('button:has-text("Render")');
  const err = await page.locator('.vm .error').textContent();
  assert.ok(err && !err.includes('\n') && !/at .*\.ts:\d+/.test(err), err ?? '');
  await page.close();
});

test('diagnose explains a pasted kernel message as vfiokit diagnose --json does', { skip }, async () => {
  const page = await open(server, '#diagnose');
  const line = "vfio-pci 0000:01:00.0: BAR 3: can't reserve [mem 0xc0000000-0xc1ffffff 64bit pref]";
  await page.fill('textarea[aria-label=log]', line);
  await page.click('button:has-text("Diagnose")');
  await page.waitForSelector('li.finding');
  const doc = JSON.parse(runCli(['--root', labSnapshot('desktop'), '--json', 'diagnose', line]).stdout);
  const ids = await page
    .locator('li.finding')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-finding')));
  assert.deepEqual(
    ids,
    doc.findings.map((f: { id: string }) => f.id),
  );
  await shot(page, 'diagnose');
  await page.close();
});

test('binding over the simulated sysfs: plan, confirm, apply, release, and restore after a crash', {
  skip,
}, async () => {
  const h = fakeHost('desktop');
  const s = await startUiServer({
    state: {
      roots: [{ id: 'sim', label: 'simulated lab-desktop', source: { root: h.dir }, live: false }],
      bindDeps: { io: h.fake, writer: h.writer },
      version: 'test',
    },
    port: 0,
    assets: UI_ASSETS,
  });
  try {
    const start = h.fake.state();
    const page = await open(s, '#bind');
    const flow = async (mode: 'bind' | 'release') => {
      await page.selectOption('select[aria-label=mode]', mode);
      await page.fill('input[aria-label=targets]', '0000:01:00.0');
      if (!(await page.isChecked('text=force'))) await page.check('text=force');
      await page.click('button:has-text("Plan")');
      await page.waitForSelector('section.plan tr[data-plan-device="0000:01:00.1"]');
      // The plan is a dry run: nothing changed yet.
      assert.deepEqual(h.fake.state(), mode === 'bind' ? start : h.fake.state());
      if (mode === 'bind') await shot(page, 'bind-plan');
      await page.click('button:has-text("Apply…")');
      await page.click(`button:has-text("Confirm: ${mode}")`);
      await page.waitForSelector('section.result li[data-after="0000:01:00.1"]');
    };
    await flow('bind');
    const after = await page
      .locator('section.result li[data-after]')
      .evaluateAll((els) =>
        els.map((e) => `${e.getAttribute('data-after')} ${e.getAttribute('data-driver')}`),
      );
    assert.deepEqual(after, ['0000:01:00.0 vfio-pci', '0000:01:00.1 vfio-pci']);
    assert.equal(h.fake.binding('0000:01:00.0')?.driver, 'vfio-pci');
    assert.equal(h.fake.binding('0000:01:00.1')?.driver, 'vfio-pci');
    await shot(page, 'bind-done');
    await flow('release');
    assert.deepEqual(h.fake.state(), start);

    // A run killed just before it closed its journal (as in bind-cli.test.ts): restore undoes it.
    await flow('bind');
    const jp = path.join(h.dir, 'run/vfiokit/journal.json');
    const j = JSON.parse(fs.readFileSync(jp, 'utf8'));
    j.state = 'open';
    fs.writeFileSync(jp, JSON.stringify(j));
    await page.reload();
    await page.waitForSelector('[data-journal-state=open]');
    await page.click('button:has-text("Restore")');
    await page.waitForSelector('.restored[data-replayed=true]');
    assert.match((await page.locator('.restored').textContent()) ?? '', /^Restored: \d+ step\(s\) undone\.$/);
    assert.deepEqual(h.fake.state(), start);
    await page.close();
  } finally {
    await s.close();
    h.cleanup();
  }
});

test('a host of 1,024 functions: the first picture folds subtrees, and what it shows and folds adds up to every function', {
  skip,
}, async () => {
  // The fixture builder's "mixed" host (bench/groups.bench.ts's shapes), beyond the 400 boxes of
  // the first picture; the oracle for every count is the tree's own sysfs.
  const shape = SHAPES.find((x) => x.name === 'mixed')!;
  const dir = fs.mkdtempSync(path.join(scratch(), 'vfiokit-ui-big-'));
  const fx = buildFixture({ rootComplexes: hostOf(shape, 1024) }, dir);
  const s = await startUiServer({
    state: {
      roots: [{ id: 'big', label: 'big', source: { root: fx.dir }, live: false }],
      readOnly: 'serving a snapshot',
      version: 'test',
    },
    port: 0,
    assets: UI_ASSETS,
  });
  try {
    const bus = path.join(fx.dir, 'sys/bus/pci/devices');
    const listed = fs.readdirSync(bus).sort();
    assert.ok(listed.length >= 1000, `${listed.length} functions`);
    // Each function's sysfs directory: a function lies below the bridges its path names.
    const real = new Map(listed.map((a) => [a, fs.realpathSync(path.join(bus, a))]));
    const page = await open(s);
    await page.waitForSelector(`.count[data-total="${listed.length}"]`, { timeout: 60_000 });
    const count = page.locator('.count');
    const drawn = Number(await count.getAttribute('data-drawn'));
    const hidden = Number(await count.getAttribute('data-hidden'));
    assert.ok(drawn > 0 && hidden > 0, `drawn ${drawn}, hidden ${hidden}`);
    assert.equal(drawn + hidden, listed.length);
    await waitCount(page, 'g.node.device', drawn);
    // Every collapsed node says how many functions it holds: the tree's own count below it.
    const folded = await page
      .locator('g.node[data-hidden]')
      .evaluateAll((els) =>
        els.map((e) => [e.getAttribute('data-bdf'), Number(e.getAttribute('data-hidden'))]),
      );
    assert.ok(folded.length > 0);
    let sum = 0;
    for (const [bdf, n] of folded as [string | null, number][]) {
      if (bdf) {
        const below = listed.filter((a) => a !== bdf && real.get(a)!.includes(`/${bdf}/`)).length;
        assert.equal(n, below, bdf);
      }
      sum += n;
    }
    assert.equal(sum, hidden);
    // A function inside a folded subtree is found by search.
    const shown = new Set(
      await page.locator('g.node.device').evaluateAll((els) => els.map((e) => e.getAttribute('data-bdf'))),
    );
    const deep = listed.filter((a) => !shown.has(a));
    assert.equal(deep.length, hidden);
    const target = deep[deep.length - 1];
    await page.fill('input[aria-label=search]', target.slice(5));
    await page.waitForSelector(`g.node.device[data-bdf="${target}"]`);
    await page.fill('input[aria-label=search]', '');
    // "expand all" draws every function.
    await page.click('button:has-text("expand all")');
    await waitCount(page, 'g.node.device', listed.length, 60_000);
    const all = (
      await page.locator('g.node.device').evaluateAll((els) => els.map((e) => e.getAttribute('data-bdf')))
    ).sort();
    assert.deepEqual(all, listed);
    assert.deepEqual((page as Page & { errors?: string[] }).errors, []);
    await page.close();
  } finally {
    await s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
