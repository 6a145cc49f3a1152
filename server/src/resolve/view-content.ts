// One view's content seen from several environments. A terminal whose environment reads as the
// editor's (env/equal) sees the editor's view; it gets a copy carrying its own environment, for
// what is reported about it, and everything computed from the content (resolutions, view diffs,
// main-module indexes) is shared through viewContent.

import type { GoEnv } from '../env/types';
import type { View } from './types';

/** The view a copy was made from (viewWithEnv), which its content is: resolutions, diffs and
 * indexes made for one serve the other. */
const contents = new WeakMap<View, View>();
const copies = new WeakMap<View, WeakMap<GoEnv, View>>();

/** `view` as an environment that reads the same (env/equal's resolutionDifference) sees it: the
 * same content, with that environment for what is reported about it. One copy per pair. */
export function viewWithEnv<T extends View>(view: T, env: GoEnv): T {
  if (view.env === env) return view;
  let byEnv = copies.get(view);
  if (!byEnv) copies.set(view, (byEnv = new WeakMap()));
  let copy = byEnv.get(env) as T | undefined;
  if (!copy) {
    byEnv.set(env, (copy = { ...view, env }));
    contents.set(copy, viewContent(view));
  }
  return copy;
}

/** The view whose content this is: itself, or the view a viewWithEnv copy was made from. */
export function viewContent<T extends View>(view: T): T {
  return (contents.get(view) as T | undefined) ?? view;
}
