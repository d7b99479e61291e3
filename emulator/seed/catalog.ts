/**
 * The seeded tenant's scripts. Ids are fixed literals so that tests and the dashboard's e2e suite
 * can name them; everything else about a script's user states is derived deterministically.
 */

export const TENANT_DOMAIN = 'contoso.onmicrosoft.com';

export type UserStateSize = { kind: 'fixed'; count: number } | { kind: 'big' };

export const NETWORK_DRIVES_SCRIPT_ID = '3f2b8c1d-6a4e-4f7b-9c2d-1e5a7b9c0d21';
export const SOFTWARE_INVENTORY_SCRIPT_ID = '8e7d6c5b-4a39-4281-8f0e-9d8c7b6a5f42';
export const REMOVE_APPS_SCRIPT_ID = 'c4a1e2f3-0b9d-4c8e-a7f6-5e4d3c2b1a63';
export const TIME_ZONE_SCRIPT_ID = '5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e94';
export const RENAME_DEVICES_SCRIPT_ID = 'a9b8c7d6-e5f4-4a3b-9c2d-1e0f9a8b7c55';
export const HELLO_DIAGNOSTICS_SCRIPT_ID = 'e1d2c3b4-a596-4877-8695-a4b3c2d1e066';

export const ROSETTA_SCRIPT_ID = '7b3e9d21-4c5a-4e8f-9a1b-2c3d4e5f6a71';
export const DOCK_DEFAULTS_SCRIPT_ID = '2d4f6a8c-1e3b-4d5f-8a7c-9e1b3d5f7a82';
export const FILEVAULT_ATTRIBUTE_SCRIPT_ID = '9c8b7a6d-5e4f-4a3b-8c2d-1e0f2a3b4c93';
export const BATTERY_ATTRIBUTE_SCRIPT_ID = '4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a04';

/**
 * The three script collections that carry user run states: Windows PowerShell scripts
 * (`deviceManagementScripts`), macOS shell scripts (`deviceShellScripts`) and macOS custom
 * attribute scripts (`deviceCustomAttributeShellScripts`).
 */
export type ScriptKind = 'powerShell' | 'shell' | 'customAttribute';

interface ScriptDefinitionBase {
  id: string;
  displayName: string;
  description: string;
  fileName: string;
  runAsAccount: 'system' | 'user';
  createdDateTime: string;
  lastModifiedDateTime: string;
  roleScopeTagIds: string[];
  scriptText: string;
  userStates: UserStateSize;
  /**
   * Whether some user states have one more device, neither succeeded nor failed (pending, not
   * applicable, unknown). Off for the clean main script, whose device states tests count.
   */
  otherDeviceStates: boolean;
  /** What a device's run reports as `resultMessage` (the script's output); defaults per kind. */
  successOutputs?: readonly string[];
}

export interface PowerShellScriptDefinition extends ScriptDefinitionBase {
  kind: 'powerShell';
  enforceSignatureCheck: boolean;
  runAs32Bit: boolean;
}

export interface ShellScriptDefinition extends ScriptDefinitionBase {
  kind: 'shell';
  /** ISO 8601 duration between runs; null runs once. */
  executionFrequency: string | null;
  retryCount: number;
  blockExecutionNotifications: boolean;
}

export interface CustomAttributeScriptDefinition extends ScriptDefinitionBase {
  kind: 'customAttribute';
  customAttributeName: string;
  customAttributeType: 'integer' | 'string' | 'dateTime';
}

export type ScriptDefinition = PowerShellScriptDefinition | ShellScriptDefinition | CustomAttributeScriptDefinition;

export const SCRIPT_DEFINITIONS: readonly ScriptDefinition[] = [
  {
    kind: 'powerShell',
    id: NETWORK_DRIVES_SCRIPT_ID,
    displayName: 'Map department network drives',
    description: 'Maps the H: and S: drives to the department file shares at sign-in.',
    fileName: 'Map-NetworkDrives.ps1',
    runAsAccount: 'user',
    enforceSignatureCheck: false,
    runAs32Bit: false,
    createdDateTime: '2025-03-04T09:12:44.1830000Z',
    lastModifiedDateTime: '2025-09-18T14:03:10.5520000Z',
    roleScopeTagIds: ['0'],
    scriptText:
      "$shares = @{ 'H:' = \"\\\\fs01.contoso.com\\home\\$env:USERNAME\"; 'S:' = '\\\\fs01.contoso.com\\shared' }\n" +
      "foreach ($drive in $shares.Keys) { New-PSDrive -Name $drive.TrimEnd(':') -PSProvider FileSystem -Root $shares[$drive] -Persist -Scope Global }\n",
    userStates: { kind: 'fixed', count: 40 },
    otherDeviceStates: false,
  },
  {
    kind: 'powerShell',
    id: SOFTWARE_INVENTORY_SCRIPT_ID,
    displayName: 'Collect installed software inventory',
    description: 'Writes the list of installed Win32 applications to the Intune Management Extension log for reporting.',
    fileName: 'Get-SoftwareInventory.ps1',
    runAsAccount: 'system',
    enforceSignatureCheck: true,
    runAs32Bit: false,
    createdDateTime: '2024-11-21T16:40:02.0000000Z',
    lastModifiedDateTime: '2025-10-02T08:27:51.9170000Z',
    roleScopeTagIds: ['0'],
    scriptText:
      "$keys = 'HKLM:\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*', 'HKLM:\\Software\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*'\n" +
      'Get-ItemProperty $keys | Where-Object DisplayName | Select-Object DisplayName, DisplayVersion, Publisher | ConvertTo-Json -Compress\n',
    userStates: { kind: 'big' },
    otherDeviceStates: true,
  },
  {
    kind: 'powerShell',
    id: REMOVE_APPS_SCRIPT_ID,
    displayName: 'Remove built-in Windows apps',
    description: 'Removes consumer Appx packages (Xbox, Solitaire, Clipchamp) from new devices.',
    fileName: 'Remove-BuiltInApps.ps1',
    runAsAccount: 'system',
    enforceSignatureCheck: false,
    runAs32Bit: false,
    createdDateTime: '2025-01-13T11:05:37.4410000Z',
    lastModifiedDateTime: '2025-06-30T17:45:12.0080000Z',
    roleScopeTagIds: ['0', '2'],
    scriptText:
      "$apps = 'Microsoft.XboxApp', 'Microsoft.MicrosoftSolitaireCollection', 'Clipchamp.Clipchamp'\n" +
      'foreach ($app in $apps) { Get-AppxProvisionedPackage -Online | Where-Object DisplayName -eq $app | Remove-AppxProvisionedPackage -Online }\n',
    userStates: { kind: 'fixed', count: 1250 },
    otherDeviceStates: true,
  },
  {
    kind: 'powerShell',
    id: TIME_ZONE_SCRIPT_ID,
    displayName: 'Set time zone from device location',
    description: 'Enables automatic time zone updates so travelling staff see local meeting times.',
    fileName: 'Set-AutoTimeZone.ps1',
    runAsAccount: 'system',
    enforceSignatureCheck: false,
    runAs32Bit: true,
    createdDateTime: '2025-05-22T07:58:19.7200000Z',
    lastModifiedDateTime: '2025-05-22T07:58:19.7200000Z',
    roleScopeTagIds: ['0'],
    scriptText:
      "Set-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\tzautoupdate' -Name Start -Value 3\n" +
      "Set-ItemProperty -Path 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\CapabilityAccessManager\\ConsentStore\\location' -Name Value -Value 'Allow'\n",
    userStates: { kind: 'fixed', count: 250 },
    otherDeviceStates: true,
  },
  {
    kind: 'powerShell',
    id: RENAME_DEVICES_SCRIPT_ID,
    displayName: 'Rename devices to asset tag',
    description: 'Renames Windows devices to the asset tag stored in the BIOS (CT-<serial>).',
    fileName: 'Rename-DeviceToAssetTag.ps1',
    runAsAccount: 'system',
    enforceSignatureCheck: true,
    runAs32Bit: false,
    createdDateTime: '2024-08-09T13:22:05.3000000Z',
    lastModifiedDateTime: '2025-02-14T10:11:48.6610000Z',
    roleScopeTagIds: ['0'],
    scriptText:
      '$tag = (Get-CimInstance -ClassName Win32_SystemEnclosure).SMBIOSAssetTag\n' +
      "if ($tag -and $env:COMPUTERNAME -ne \"CT-$tag\") { Rename-Computer -NewName \"CT-$tag\" -Force }\n",
    userStates: { kind: 'fixed', count: 12 },
    otherDeviceStates: true,
  },
  {
    kind: 'powerShell',
    id: HELLO_DIAGNOSTICS_SCRIPT_ID,
    displayName: 'Enable Windows Hello for Business diagnostics',
    description: 'Turns on the Hello for Business operational event log. Assigned, not yet run.',
    fileName: 'Enable-WhfbDiagnostics.ps1',
    runAsAccount: 'system',
    enforceSignatureCheck: false,
    runAs32Bit: false,
    createdDateTime: '2025-10-20T15:30:00.0000000Z',
    lastModifiedDateTime: '2025-10-20T15:30:00.0000000Z',
    roleScopeTagIds: ['0'],
    scriptText: "wevtutil set-log 'Microsoft-Windows-HelloForBusiness/Operational' /enabled:true\n",
    userStates: { kind: 'fixed', count: 0 },
    otherDeviceStates: true,
  },
  {
    kind: 'shell',
    id: ROSETTA_SCRIPT_ID,
    displayName: 'Install Rosetta 2 on Apple silicon',
    description: 'Installs Rosetta 2 so that Intel-only apps run on Apple silicon Macs.',
    fileName: 'install-rosetta.sh',
    runAsAccount: 'system',
    executionFrequency: null,
    retryCount: 3,
    blockExecutionNotifications: true,
    createdDateTime: '2025-04-02T10:20:31.0000000Z',
    lastModifiedDateTime: '2025-09-09T12:44:05.2100000Z',
    roleScopeTagIds: ['0'],
    scriptText:
      '#!/bin/zsh\n' +
      'if [[ "$(uname -m)" == "arm64" ]] && ! /usr/bin/pgrep -q oahd; then\n' +
      '  /usr/sbin/softwareupdate --install-rosetta --agree-to-license\n' +
      'fi\n',
    userStates: { kind: 'fixed', count: 1500 },
    otherDeviceStates: true,
    successOutputs: ['Install of Rosetta 2 finished successfully', 'Rosetta 2 is already installed.', ''],
  },
  {
    kind: 'shell',
    id: DOCK_DEFAULTS_SCRIPT_ID,
    displayName: 'Set Dock and Finder defaults',
    description: 'Pins the company apps to the Dock and shows file extensions in Finder.',
    fileName: 'dock-finder-defaults.sh',
    runAsAccount: 'user',
    executionFrequency: 'P1D',
    retryCount: 1,
    blockExecutionNotifications: false,
    createdDateTime: '2025-06-11T08:03:52.0000000Z',
    lastModifiedDateTime: '2025-10-14T16:18:27.7300000Z',
    roleScopeTagIds: ['0'],
    scriptText:
      '#!/bin/zsh\n' +
      'defaults write com.apple.finder AppleShowAllExtensions -bool true\n' +
      'defaults write com.apple.dock persistent-apps -array-add "<dict><key>tile-data</key><dict><key>file-data</key><dict><key>_CFURLString</key><string>/Applications/Microsoft Teams.app</string></dict></dict></dict>"\n' +
      'killall Dock Finder\n',
    userStates: { kind: 'fixed', count: 60 },
    otherDeviceStates: true,
    successOutputs: ['Dock and Finder defaults applied.', ''],
  },
  {
    kind: 'customAttribute',
    id: FILEVAULT_ATTRIBUTE_SCRIPT_ID,
    displayName: 'FileVault status',
    description: 'Reports whether FileVault disk encryption is on, as the custom attribute FileVaultStatus.',
    fileName: 'filevault-status.sh',
    runAsAccount: 'system',
    customAttributeName: 'FileVaultStatus',
    customAttributeType: 'string',
    createdDateTime: '2025-02-19T14:55:12.0000000Z',
    lastModifiedDateTime: '2025-08-27T09:31:40.4400000Z',
    roleScopeTagIds: ['0'],
    scriptText: '#!/bin/sh\n/usr/bin/fdesetup status | head -n 1\n',
    userStates: { kind: 'fixed', count: 1200 },
    otherDeviceStates: true,
    successOutputs: ['FileVault is On.', 'FileVault is Off.', 'Encryption in progress: Percent completed = 42'],
  },
  {
    kind: 'customAttribute',
    id: BATTERY_ATTRIBUTE_SCRIPT_ID,
    displayName: 'Battery cycle count',
    description: 'Reports the battery cycle count of MacBooks, as the custom attribute BatteryCycleCount.',
    fileName: 'battery-cycle-count.sh',
    runAsAccount: 'system',
    customAttributeName: 'BatteryCycleCount',
    customAttributeType: 'integer',
    createdDateTime: '2025-07-07T07:07:07.0000000Z',
    lastModifiedDateTime: '2025-07-21T11:12:13.1400000Z',
    roleScopeTagIds: ['0'],
    scriptText: "#!/bin/sh\n/usr/sbin/system_profiler SPPowerDataType | awk '/Cycle Count/ {print $3}'\n",
    userStates: { kind: 'fixed', count: 30 },
    otherDeviceStates: true,
    successOutputs: ['87', '312', '1044', '5'],
  },
];

/**
 * User states whose UPNs carry markup, script and formula payloads. Data that comes back from
 * Graph is untrusted: these prove the dashboard renders it as text. They live only in the
 * "Rename devices to asset tag" script so that ordinary tests never meet them.
 */
export const HOSTILE_UPNS: readonly string[] = [
  '<img src=x onerror=alert(1)>@contoso.onmicrosoft.com',
  '<script>alert(1)</script>',
  '"><svg onload=alert(document.domain)>@contoso.onmicrosoft.com',
  'javascript:alert(1)//@contoso.onmicrosoft.com',
  "{{constructor.constructor('alert(1)')()}}@contoso.onmicrosoft.com",
  '=HYPERLINK("http://evil.example/","open")@contoso.onmicrosoft.com',
  '\u202Egnp.exe@contoso.onmicrosoft.com',
];

/**
 * Script output (`resultMessage`) that carries formula, markup and bidirectional-override
 * payloads, on the device states of the hostile user states and of one macOS shell user state
 * (see generate.ts): exports and device tables must treat it as text.
 */
export const HOSTILE_RESULT_MESSAGES: readonly string[] = [
  "=cmd|' /C calc'!A0\nexit status 1",
  'Renamed to <img src=x onerror=alert(1)>\nReboot pending',
  'Output:\n\u202Etxt.exe\n+SUM(1+1)*cmd|\' /C notepad\'!A1',
];
