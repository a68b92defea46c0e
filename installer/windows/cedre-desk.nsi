; The Windows setup of cedre-desk: a per-user install, no administrator rights.
;
;   makensis -WX -DVERSION=0.1.0 -DPUBLISHER=cedre-desk -DPAYLOAD=DIR -DICON=FILE.ico
;            -DOUTFILE=cedre-desk-0.1.0-setup.exe installer\windows\cedre-desk.nsi
;
; PAYLOAD holds install-files.nsh and uninstall-files.nsh, written from the bundle by
; payload.py (build.ps1 does it all on Windows; installer/windows/compile-here proves the script
; on Linux against a stand-in bundle). The program goes to %LOCALAPPDATA%\Programs\cedre-desk,
; a Start-menu shortcut to the user's own Start menu, the uninstall entry (with version and
; publisher) to HKCU. The registers and their backups live in the user's data folder,
; %LOCALAPPDATA%\cedre-desk, which the uninstaller never touches; it deletes only the files the
; setup installed.

Unicode true
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma

!ifndef VERSION | PUBLISHER | PAYLOAD | ICON | OUTFILE
  !error "define VERSION, PUBLISHER, PAYLOAD, ICON and OUTFILE (see the head of this file)"
!endif
!define PRODUCT "cedre-desk"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${PRODUCT}"

Name "${PRODUCT} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${PRODUCT} ${VERSION}"

!include "MUI2.nsh"
!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
; The language chosen at install time is the uninstaller's too.
!define MUI_LANGDLL_REGISTRY_ROOT HKCU
!define MUI_LANGDLL_REGISTRY_KEY "${UNINSTALL_KEY}"
!define MUI_LANGDLL_REGISTRY_VALUENAME "InstallerLanguage"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${PRODUCT}.exe"
!define MUI_UNCONFIRMPAGE_TEXT_TOP "$(KeptData)"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
; French first: the setup speaks the user's language when it is one of these, else French.
!insertmacro MUI_LANGUAGE "French"
!insertmacro MUI_LANGUAGE "English"

LangString KeptData ${LANG_FRENCH} "Vos registres et leurs copies de sauvegarde (dans %LOCALAPPDATA%\${PRODUCT}) sont conservés."
LangString KeptData ${LANG_ENGLISH} "Your registers and their backups (in %LOCALAPPDATA%\${PRODUCT}) are kept."
LangString Running ${LANG_FRENCH} "Fermez ${PRODUCT} avant de continuer, puis cliquez sur Réessayer."
LangString Running ${LANG_ENGLISH} "Close ${PRODUCT} before going on, then click Retry."

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=${LANG_FRENCH} "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=${LANG_FRENCH} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_FRENCH} "LegalCopyright" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_FRENCH} "FileDescription" "Installation de ${PRODUCT}"
VIAddVersionKey /LANG=${LANG_FRENCH} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_FRENCH} "ProductVersion" "${VERSION}"

Function .onInit
  SetShellVarContext current
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Function un.onInit
  SetShellVarContext current
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd

Section "${PRODUCT}"
  SetOutPath "$INSTDIR"
  ; A running copy holds its executable open: ask, rather than leave a half-replaced program.
  retry:
  IfFileExists "$INSTDIR\${PRODUCT}.exe" 0 free
  ClearErrors
  FileOpen $0 "$INSTDIR\${PRODUCT}.exe" a
  IfErrors 0 closed
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(Running)" /SD IDCANCEL IDRETRY retry
    Abort
  closed:
  FileClose $0
  free:
  ; An older version's libraries go first: an upgrade must not mix two versions' files.
  ; _internal holds only the program's own files, never a user's.
  RMDir /r "$INSTDIR\_internal"
  !include "${PAYLOAD}\install-files.nsh"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\${PRODUCT}.exe" "" \
    "$INSTDIR\${PRODUCT}.exe" 0
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${PRODUCT}.exe,0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  SectionGetSize 0 $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

Section "Uninstall"
  !include "${PAYLOAD}\uninstall-files.nsh"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd
