// What GOPROXY allows: one place for the check that it downloads nothing at all.

/** GOPROXY is `off` in every entry of its list: go downloads nothing (no module, no toolchain). */
export function downloadsOff(goproxy: string): boolean {
  return goproxy.split(/[,|]/).every((p) => p.trim() === 'off');
}
