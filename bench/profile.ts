/**
 * Self time by function of a V8 .cpuprofile (what `--cpu-prof` writes): the table the hot-path
 * work was decided from. `node dist/bench/profile.js <file.cpuprofile> [top=25]`.
 * Functions are keyed by name and file:line (the file without its directories), idle excluded
 * from the percentages so that they are shares of the CPU the process actually used.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }
export interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }
export interface SelfTime { fn: string; ms: number; pct: number }

export function selfTimes(profile: CpuProfile): { busyMs: number; idleMs: number; rows: SelfTime[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let idle = 0;
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    const cf = byId.get(id)!.callFrame;
    if (cf.functionName === '(idle)') { idle += us; return; }
    busy += us;
    const file = cf.url.replace(/^.*\//, '');
    const key = file ? `${cf.functionName || '(anonymous)'} ${file}:${cf.lineNumber + 1}` : cf.functionName || '(anonymous)';
    self.set(key, (self.get(key) ?? 0) + us);
  });
  const rows = [...self].sort((a, b) => b[1] - a[1])
    .map(([fn, us]) => ({ fn, ms: Math.round(us / 100) / 10, pct: busy ? Math.round((us / busy) * 1000) / 10 : 0 }));
  return { busyMs: Math.round(busy / 1000), idleMs: Math.round(idle / 1000), rows };
}

export function formatSelfTimes(profile: CpuProfile, top = 25): string {
  const { busyMs, idleMs, rows } = selfTimes(profile);
  const lines = [`busy ${busyMs} ms, idle ${idleMs} ms; self time by function, % of busy:`];
  for (const r of rows.slice(0, top)) lines.push(`${r.pct.toFixed(1).padStart(6)} %  ${r.fn}`);
  return lines.join('\n');
}

if (require.main === module) {
  const [file, top] = process.argv.slice(2);
  if (!file) { console.error('usage: node dist/bench/profile.js <file.cpuprofile> [top]'); process.exit(2); }
  console.log(formatSelfTimes(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, Number(top ?? 25)));
}
