; Inno Setup 6 script: the Windows setup program of UnionOffice (工会办公助手).
;
;   ISCC.exe /DAppVersion=0.1.0 installer\unionoffice.iss
;
; Input: dist\UnionOffice\ (PyInstaller, installer\unionoffice.spec) and installer\ChineseSimplified.isl
; (Inno Setup's Chinese translation, see installer\README.md). Output: dist\UnionOffice-Setup-<version>.exe.
; Installs for the current user without administrator rights by default (into
; %LOCALAPPDATA%\Programs\UnionOffice); IT can choose "all users" in the first dialog or with /ALLUSERS.
; The program keeps its data in %LOCALAPPDATA%\UnionOffice (database, attachments, backups\): the
; uninstaller removes only the program files it installed and says that the data stays.
; No file association: .uobak backups are restored from inside the program, and .xlsx belongs to Excel/WPS.

#define AppName "工会办公助手"
#define AppNameEn "UnionOffice"
#define AppExe "UnionOffice.exe"
#define BundleDir "..\dist\UnionOffice"
#ifndef AppVersion
  ; Without /DAppVersion=…: the version the spec wrote into the program (from unionoffice.__version__).
  #define AppVersion GetVersionNumbersString(AddBackslash(AddBackslash(SourcePath) + BundleDir) + AppExe)
#endif

[Setup]
; AppId identifies the program for upgrades and uninstalling: never change it.
AppId={{5C0F2B1E-8E0B-4D8A-9C3A-6E1F0B7D2A41}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppNameEn}
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
DefaultDirName={autopf}\{#AppNameEn}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
UsePreviousPrivileges=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
WizardStyle=modern
ShowLanguageDialog=auto
Compression=lzma2/max
SolidCompression=yes
OutputDir=..\dist
OutputBaseFilename=UnionOffice-Setup-{#AppVersion}
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#AppExe}
; Close a running copy before replacing its files (Restart Manager), and do not restart it afterwards.
CloseApplications=yes
RestartApplications=no

[Languages]
; Chinese first: it is the default when Windows' language is neither Chinese nor English.
; Default.isl comes first in the Chinese entry so any message the translation lacks falls back to English.
Name: "chinesesimplified"; MessagesFile: "compiler:Default.isl,ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
chinesesimplified.DataKept=工会办公助手的程序文件已删除。%n%n您的数据没有删除：数据库、附件和自动备份仍保存在%n%1%n%n重新安装后会继续使用这些数据。确实不再需要时，可以手动删除该文件夹（请先备份到U盘）。
english.DataKept=The program files of UnionOffice have been removed.%n%nYour data has NOT been removed: the database, attachments and automatic backups remain in%n%1%n%nA new installation will use them again. Delete that folder by hand only if you are sure you no longer need it (back it up to a USB stick first).

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; The whole one-folder bundle. Nothing here touches the data folder, so the uninstaller never removes it.
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the bundled libraries wholesale: files of an older version must not linger.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
{ The program's data folder: platformdirs' user_data_dir("UnionOffice") in unionoffice/paths.py. }
function DataFolder(): String;
begin
  Result := ExpandConstant('{localappdata}\{#AppNameEn}');
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and DirExists(DataFolder()) and not UninstallSilent() then
    MsgBox(FmtMessage(CustomMessage('DataKept'), [DataFolder()]), mbInformation, MB_OK);
end;
