/** "6.1.0-18-amd64" → [6, 1]; undefined when the release string does not start with a version. */
export function kernelVersion(release: string | undefined): [number, number] | undefined {
  const m = release ? /^(\d+)\.(\d+)/.exec(release) : null;
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

export function atLeast(v: [number, number] | undefined, major: number, minor: number): boolean | undefined {
  if (!v) return undefined;
  return v[0] > major || (v[0] === major && v[1] >= minor);
}
