import TextField from '@mui/material/TextField';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { scriptKindInfo, scriptKinds, type ScriptKind, type ScriptPlatform } from '../../../lib/script-kinds';

/** The list's filters, kept in the URL (`?platform=&type=`) so a shared link opens the same list. */
export interface ScriptFilterValues {
  /** '' is every platform. */
  platform: ScriptPlatform | '';
  /** A script kind, or '' for every type. */
  type: ScriptKind | '';
}

export interface ScriptFilterState extends ScriptFilterValues {
  matches: (kind: ScriptKind) => boolean;
}

const platforms = [...new Set(scriptKinds.map((kind) => kind.platform))];

export function parseScriptFilters(params: URLSearchParams): ScriptFilterValues {
  const platform = params.get('platform');
  const type = params.get('type');
  return {
    platform: platforms.find((candidate) => candidate === platform) ?? '',
    type: scriptKinds.find((kind) => kind.id === type)?.id ?? '',
  };
}

export function scriptFilterMatches({ platform, type }: ScriptFilterValues, kind: ScriptKind): boolean {
  return (platform === '' || scriptKindInfo(kind).platform === platform) && (type === '' || type === kind);
}

export function useScriptFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo<ScriptFilterState>(() => {
    const values = parseScriptFilters(params);
    return { ...values, matches: (kind) => scriptFilterMatches(values, kind) };
  }, [params]);
  const update = useCallback(
    (changes: Partial<ScriptFilterValues>) => {
      setParams(
        (current) => {
          const next = { ...parseScriptFilters(current), ...changes };
          const result = new URLSearchParams();
          if (next.platform !== '') result.set('platform', next.platform);
          if (next.type !== '') result.set('type', next.type);
          return result;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  return [filters, update] as const;
}

/** Native selects: light on the first screen, and every browser's own accessible list box. */
export function ScriptFilters({ filters, onChange }: { filters: ScriptFilterValues; onChange: (changes: Partial<ScriptFilterValues>) => void }) {
  return (
    <>
      <TextField
        select
        size="small"
        label="Platform"
        value={filters.platform}
        onChange={(event) => onChange({ platform: parseScriptFilters(new URLSearchParams({ platform: event.target.value })).platform })}
        slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
        sx={{ minWidth: 160 }}
      >
        <option value="">All</option>
        {platforms.map((platform) => (
          <option key={platform} value={platform}>
            {platform}
          </option>
        ))}
      </TextField>
      <TextField
        select
        size="small"
        label="Type"
        value={filters.type}
        onChange={(event) => onChange({ type: parseScriptFilters(new URLSearchParams({ type: event.target.value })).type })}
        slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
        sx={{ minWidth: 200 }}
      >
        <option value="">All</option>
        {scriptKinds.map((kind) => (
          <option key={kind.id} value={kind.id}>
            {kind.type}
          </option>
        ))}
      </TextField>
    </>
  );
}
