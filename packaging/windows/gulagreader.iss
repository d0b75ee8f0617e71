; Inno Setup script for GulagReader on Windows (64-bit).
;
; WHAT WAS TRIED: nothing on Windows. This script was written against the Inno Setup 6 documentation
; and the layout that packaging/gulagreader.spec produces on Linux (checked there); it has NOT been
; compiled, installed or run. Expect to fix details on the first real build.
; NOT TRIED: ISCC itself, the windowed gulagreaderw.exe (the spec adds it only on Windows), the
; icon conversion, code signing, Windows Defender / SmartScreen behaviour.
;
; Build, on Windows with Python 3.11+ and Inno Setup 6 (from the checkout, in PowerShell):
;   py -3.11 -m venv .venv
;   .venv\Scripts\pip install -r requirements.lock
;   .venv\Scripts\pip install --no-deps -e .
;   .venv\Scripts\python -m gulagreader --basedir build\package-home build --corpus corpus --out build\package-store
;   $env:GULAGREADER_PACKAGE_STORE = "$PWD\build\package-store"
;   .venv\Scripts\python -m PyInstaller --noconfirm --distpath dist --workpath build\pyinstaller packaging\gulagreader.spec
;   magick resources\icons\hicolor\256x256\apps\io.github.gulagreader.GulagReader.png -define icon:auto-resize=256,64,48,32,16 packaging\windows\gulagreader.ico
;   iscc /DAppVersion=0.1.0 packaging\windows\gulagreader.iss
; After installing, an administrator checks the install with:
;   "C:\Program Files\GulagReader\gulagreader.exe" --self-test
; (On Windows the network check reports 'not checked': it uses strace or seccomp, which are Linux only.)
;
; Site-wide settings (kiosk, store, font_scale, hidden_sources) go in
; C:\ProgramData\gulagreader\settings.toml; see docs/configuration.md.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z packaging\windows\gulagreader.iss
#endif

[Setup]
AppId={{6F0C5B8E-2D7A-4C1B-9E3F-4A8D2B6C1E57}
AppName=GulagReader
AppVersion={#AppVersion}
AppPublisher=The GulagReader project
DefaultDirName={autopf}\GulagReader
DefaultGroupName=GulagReader
DisableProgramGroupPage=yes
LicenseFile=..\..\LICENSE
OutputDir=..\..\dist
OutputBaseFilename=gulagreader-{#AppVersion}-windows-x86_64-setup
SetupIconFile=gulagreader.ico
UninstallDisplayIcon={app}\gulagreaderw.exe
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Libraries install for all users; an individual may still choose a per-user install.
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Files]
; The onedir bundle; the Linux-only share\ folder and any stale tantivy lock files stay out.
Source: "..\..\dist\gulagreader\*"; DestDir: "{app}"; Excludes: ".tantivy-*.lock,\share\*"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\GulagReader"; Filename: "{app}\gulagreaderw.exe"; Comment: "Read and search accounts of resistance in the Soviet camps"
Name: "{autodesktop}\GulagReader"; Filename: "{app}\gulagreaderw.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Run]
Filename: "{app}\gulagreaderw.exe"; Description: "{cm:LaunchProgram,GulagReader}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; The index copy and fingerprints live in the user's cache (%LOCALAPPDATA%\gulagreader\Cache); they are
; rebuildable and left alone here, as are the user's bookmarks.
