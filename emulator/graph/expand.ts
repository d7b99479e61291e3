import { MANAGED_DEVICE_SCHEMA } from './entities.ts';
import { parseSelect, QueryError } from './odata.ts';

/** `$expand=managedDevice[($select=…)]` on device states: whether to expand, and which properties. */
export interface ManagedDeviceExpansion {
  select: string[] | undefined;
}

/** Splits at commas that are not inside parentheses. */
function topLevelItems(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === '(') depth += 1;
    else if (c === ')') {
      depth -= 1;
      if (depth < 0) throw new QueryError(`Syntax error in $expand: '${text}'.`);
    } else if (c === ',' && depth === 0) {
      items.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (depth !== 0) throw new QueryError(`Syntax error in $expand: '${text}'.`);
  items.push(text.slice(start).trim());
  return items;
}

/**
 * Reads `$expand` of a device-state request. The only navigation of
 * deviceManagementScriptDeviceState is `managedDevice` (`*` names it too); inside the
 * parentheses only `$select` is served (`$` optional, as everywhere on beta).
 */
export function parseManagedDeviceExpand(text: string, typeName: string): ManagedDeviceExpansion {
  let expansion: ManagedDeviceExpansion | undefined;
  for (const item of topLevelItems(text)) {
    const match = /^([A-Za-z*]+)\s*(?:\((.*)\))?$/s.exec(item);
    if (!match?.[1]) throw new QueryError(`Syntax error in $expand: '${text}'.`);
    const name = match[1];
    if (name !== '*' && name.toLowerCase() !== 'manageddevice') throw new QueryError(`Could not find a property named '${name}' on type '${typeName}'.`);
    if (expansion) throw new QueryError(`The navigation property 'managedDevice' was expanded more than once in $expand: '${text}'.`);
    let select: string[] | undefined;
    const inner = match[2]?.trim();
    if (inner) {
      for (const part of inner.split(';')) {
        const option = /^\$?([A-Za-z]+)=(.*)$/s.exec(part.trim());
        if (!option?.[1] || option[2] === undefined) throw new QueryError(`Syntax error in $expand: '${text}'.`);
        if (option[1].toLowerCase() !== 'select') throw new QueryError(`Query option '${option[1]}' is not allowed inside $expand of managedDevice; only $select is.`);
        if (select) throw new QueryError(`Query option 'Select' was specified more than once inside $expand.`);
        select = parseSelect(option[2], MANAGED_DEVICE_SCHEMA);
      }
    }
    expansion = { select };
  }
  if (!expansion) throw new QueryError(`Syntax error in $expand: '${text}'.`);
  return expansion;
}
