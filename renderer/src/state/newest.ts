/**
 * For loads that can overlap (a switch of workbook while the last one is still answering):
 * `begin()` starts one and returns a check that stays true only while no newer one has begun,
 * so a late answer never lands over a fresher one.
 */
export function newestOnly(): () => () => boolean {
  let latest = 0;
  return () => {
    const mine = ++latest;
    return () => mine === latest;
  };
}
