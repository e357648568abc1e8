; Inno Setup 6 (6.3 or later) script of the Windows installer of stationapp.
;
; Build the program first (packaging\windows\stationapp.spec puts it in dist\stationapp\), then,
; from the repository root:
;
;   "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" /DMyAppVersion=0.1.0 packaging\windows\stationapp.iss
;
; Without /DMyAppVersion the version is read from dist\stationapp\stationapp.exe (the version
; resource the spec writes from stationapp.__version__, e.g. 0.1.0.0).
; Output: dist\stationapp-<version>-setup.exe. See README.md beside this file.
;
; The installer installs for the current user only (no administrator rights): the program goes
; to %LOCALAPPDATA%\Programs\stationapp. The user's data is NOT in that folder and is never
; touched by the installer or the uninstaller (see [UninstallDelete] below).

#define DistDir AddBackslash(SourcePath) + "..\..\dist\stationapp"
#define IconFile AddBackslash(SourcePath) + "..\..\resources\icons\stationapp.ico"

#ifndef MyAppVersion
  #define MyAppVersion GetVersionNumbersString(DistDir + "\stationapp.exe")
  #if MyAppVersion == ""
    #define MyAppVersion "0.1.0"
  #endif
#endif

; Simplified Chinese is not one of the official translations installed with Inno Setup: take
; ChineseSimplified.isl from the Inno Setup site (https://jrsoftware.org/files/istrans/, the
; version matching the compiler) and put it beside this script, or in the compiler's
; Languages\ or Languages\Unofficial\ folder.
#if FileExists(AddBackslash(SourcePath) + "ChineseSimplified.isl")
  #define ChineseMessages AddBackslash(SourcePath) + "ChineseSimplified.isl"
#elif FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
  #define ChineseMessages "compiler:Languages\ChineseSimplified.isl"
#elif FileExists(AddBackslash(CompilerPath) + "Languages\Unofficial\ChineseSimplified.isl")
  #define ChineseMessages "compiler:Languages\Unofficial\ChineseSimplified.isl"
#else
  #error ChineseSimplified.isl not found: put it in packaging\windows\ (see packaging\windows\README.md)
#endif

[Setup]
; The AppId identifies the program for upgrades and the uninstaller: never change it.
AppId={{6F1C2E0B-5A47-4B8E-9C3D-2E7A51F4B9D6}
AppName={cm:AppName}
AppVersion={#MyAppVersion}
AppVerName={cm:AppName} {#MyAppVersion}
AppPublisher=stationapp
VersionInfoVersion={#MyAppVersion}
; Per user, no UAC prompt: {autopf} is then %LOCALAPPDATA%\Programs.
PrivilegesRequired=lowest
DefaultDirName={autopf}\stationapp
DefaultGroupName={cm:AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#AddBackslash(SourcePath)}..\..\dist
OutputBaseFilename=stationapp-{#MyAppVersion}-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\stationapp.exe
UninstallDisplayName={cm:AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto
; A running stationapp is asked to close (Restart Manager) before its files are replaced.
CloseApplications=yes

[Languages]
; The first is the default when Windows speaks neither language.
Name: "chinesesimplified"; MessagesFile: "{#ChineseMessages}"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
chinesesimplified.AppName=工会服务站
english.AppName=Union Service Station

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole PyInstaller folder: stationapp.exe, stationapp-cli.exe and _internal\.
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the bundled libraries whole: no stale module of an older version stays.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{cm:AppName}"; Filename: "{app}\stationapp.exe"; WorkingDir: "{app}"
Name: "{autodesktop}\{cm:AppName}"; Filename: "{app}\stationapp.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\stationapp.exe"; Description: "{cm:LaunchProgram,{cm:AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Deliberately nothing outside {app}. The uninstaller removes only the program's own files
; (and the folder {app} when it is empty). It KEEPS the user's data:
;   %LOCALAPPDATA%\stationapp\          platformdirs.user_data_dir("stationapp", appauthor=False):
;                                        the database (stationapp.db, demo.db), backups\,
;                                        backup-folders.txt
;   %LOCALAPPDATA%\stationapp\Logs\     platformdirs.user_log_dir: the log files
;   HKCU\Software\stationapp\           QSettings: window sizes, last user name
;   any backup folder chosen in the program
; The database holds personal data the station must keep or delete under its own rules; an
; uninstall (or an upgrade by uninstalling first) must never destroy it. Never add an entry for
; {localappdata}\stationapp here.
Type: dirifempty; Name: "{app}"
