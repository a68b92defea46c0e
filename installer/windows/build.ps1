# The Windows bundle and setup of cedre-desk, on a Windows machine (the build runner of
# .github/workflows/windows.yml, or a developer's), with Python 3.11+ and NSIS 3:
#     powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1 [-Clean]
# The same steps as installer/build on Linux, with the same .spec: a build environment of its
# own (the program, its dependencies and PyInstaller, nothing else), the French catalogue built
# from the .ts (as scripts/build_translations does), the one-folder bundle (dist\cedre-desk),
# then the NSIS setup (dist\cedre-desk-<version>-setup.exe), compiled with warnings as errors.
param([switch]$Clean)
$ErrorActionPreference = "Stop"
Set-Location (Resolve-Path "$PSScriptRoot\..\..")

function Invoke-Checked([string]$Program, [string[]]$Arguments) {
    & $Program @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Program $($Arguments -join ' ') exited $LASTEXITCODE" }
}

$python = if ($env:PYTHON) { $env:PYTHON } else { "python" }
$work = "build\installer"
$venv = "$work\venv-windows"
$bin = "$venv\Scripts"

if ($Clean -or -not (Test-Path "$bin\python.exe")) {
    if (Test-Path $venv) { Remove-Item -Recurse -Force $venv }
    Invoke-Checked $python @("-m", "venv", $venv)
    Invoke-Checked "$bin\python.exe" @("-m", "pip", "install", "-q", "--upgrade", "pip")
    Invoke-Checked "$bin\python.exe" @("-m", "pip", "install", "-q", ".[bundle]")
}
# The French catalogue (.qm, not committed) from the committed .ts, then the program itself.
Invoke-Checked "$bin\pyside6-lrelease.exe" @("-silent", "resources\translations\cedre_desk_fr.ts",
    "-qm", "resources\translations\cedre_desk_fr.qm")
Invoke-Checked "$bin\python.exe" @("-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", ".")

if (Test-Path "dist\cedre-desk") { Remove-Item -Recurse -Force "dist\cedre-desk" }
Invoke-Checked "$bin\pyinstaller.exe" @("--noconfirm", "--log-level", "WARN", "--distpath", "dist",
    "--workpath", "$work\pyinstaller", "installer\cedre-desk.spec")

$version = (& "$bin\python.exe" -c "import cedre_desk; print(cedre_desk.__version__)").Trim()
$publisher = (Get-Content "installer\product.json" -Raw | ConvertFrom-Json).publisher
$payload = "$work\nsis-payload"
Invoke-Checked "$bin\python.exe" @("installer\windows\payload.py", "lists", "dist\cedre-desk", $payload)

$makensis = (Get-Command makensis -ErrorAction SilentlyContinue).Source
if (-not $makensis) { $makensis = "${env:ProgramFiles(x86)}\NSIS\makensis.exe" }
$setup = "dist\cedre-desk-$version-setup.exe"
Invoke-Checked $makensis @("/WX", "/V2", "/DVERSION=$version", "/DPUBLISHER=$publisher",
    "/DPAYLOAD=$((Resolve-Path $payload).Path)",
    "/DICON=$((Resolve-Path "$work\pyinstaller\cedre-desk\icons\cedre-desk.ico").Path)",
    "/DOUTFILE=$((Resolve-Path 'dist').Path)\cedre-desk-$version-setup.exe",
    "installer\windows\cedre-desk.nsi")
Write-Output "bundle: dist\cedre-desk"
Write-Output "setup: $setup"
