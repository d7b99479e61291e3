import type { Handler } from './handler.ts';

/** One line of the route table: a Graph resource path (`{name}` for a key) and its handler. */
export interface RouteDef {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  handler: Handler;
  /** The scopes of which the token needs one, when the resource documents its own (default: the script scopes). */
  scopes?: readonly string[];
}

export interface Route extends RouteDef {
  segments: string[];
  /** Writes count against the write limits and need a ReadWrite scope. */
  write: boolean;
}

export type RouteMatch = { route: Route; params: Record<string, string> } | { error: 'segment'; segment: string } | { error: 'method' };

/** Path segments, decoded; OData key syntax (`deviceManagementScripts('id')`) becomes two segments. */
export function splitSegments(path: string): string[] {
  const out: string[] = [];
  for (const raw of path.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      segment = raw;
    }
    const key = /^([A-Za-z]+)\('?([^')]*)'?\)$/.exec(segment);
    if (key?.[1] && key[2] !== undefined) out.push(key[1], key[2]);
    else out.push(segment);
  }
  return out;
}

export function compileRoutes(defs: readonly RouteDef[]): Route[] {
  return defs.map((def) => ({ ...def, segments: splitSegments(def.path), write: def.method !== 'GET' }));
}

/** Segment names match case-insensitively, as Graph's do; a miss says how far the path matched. */
export function matchRoute(routes: readonly Route[], method: string, segments: string[]): RouteMatch {
  let methodMismatch = false;
  let deepest = -1;
  for (const route of routes) {
    if (route.segments.length !== segments.length) {
      // Track how far the path matched, for the "Resource not found for the segment" message.
      let i = 0;
      while (i < Math.min(route.segments.length, segments.length)) {
        const t = route.segments[i] ?? '';
        if (!(t.startsWith('{') || t.toLowerCase() === (segments[i] ?? '').toLowerCase())) break;
        i += 1;
      }
      deepest = Math.max(deepest, i);
      continue;
    }
    const params: Record<string, string> = {};
    let matched = true;
    for (let i = 0; i < segments.length; i += 1) {
      const t = route.segments[i] ?? '';
      const s = segments[i] ?? '';
      if (t.startsWith('{')) params[t.slice(1, -1)] = s;
      else if (t.toLowerCase() !== s.toLowerCase()) {
        matched = false;
        deepest = Math.max(deepest, i);
        break;
      }
    }
    if (!matched) continue;
    if (route.method !== method) {
      methodMismatch = true;
      continue;
    }
    return { route, params };
  }
  if (methodMismatch) return { error: 'method' };
  return { error: 'segment', segment: segments[Math.max(0, deepest)] ?? '' };
}
