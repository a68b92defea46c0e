# The Windows setup proven as a user meets it (run by .github/workflows/windows.yml after
# build.ps1; a developer can run it on any Windows machine, it installs for the current user):
#     powershell -ExecutionPolicy Bypass -File installer\windows\smoke-test.ps1 dist\cedre-desk-<version>-setup.exe
# Silent per-user install (no administrator), the Start-menu shortcut and the uninstall entry
# (version, publisher), the installed command line (version, about, a demo register, check, due,
# every export), the installed window started on it and still running after 20 s, then a
# register with a backup in the user's data folder, the silent uninstall, and nothing left of
# the program but that register and its backups.
param([Parameter(Mandatory = $true)][string]$Setup)
$ErrorActionPreference = "Stop"

function Invoke-Checked([string]$Program, [string[]]$Arguments) {
    & $Program @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Program $($Arguments -join ' ') exited $LASTEXITCODE" }
}
function Assert([bool]$Condition, [string]$Message) { if (-not $Condition) { throw $Message } }

$app = "$env:LOCALAPPDATA\Programs\cedre-desk"
$cli = "$app\cedre-desk-cli.exe"
$shortcut = "$env:APPDATA\Microsoft\Windows\Start Menu\Programs\cedre-desk.lnk"
$entry = "HKCU:\Software\Microsoft\Windows\CurrentVersion\Uninstall\cedre-desk"
$work = Join-Path $env:RUNNER_TEMP "cedre-desk-smoke"
if (-not $env:RUNNER_TEMP) { $work = Join-Path $env:TEMP "cedre-desk-smoke" }
New-Item -ItemType Directory -Force $work | Out-Null

Write-Output "-- silent install for this user"
$install = Start-Process (Resolve-Path $Setup).Path -ArgumentList "/S" -Wait -PassThru
Assert ($install.ExitCode -eq 0) "the setup exited $($install.ExitCode)"
Assert (Test-Path "$app\cedre-desk.exe") "the window's program is not in $app"
Assert (Test-Path $shortcut) "no Start-menu shortcut"
$uninstall = Get-ItemProperty $entry
$publisher = (Get-Content "installer\product.json" -Raw | ConvertFrom-Json).publisher
Assert ($uninstall.Publisher -eq $publisher) "uninstall entry: publisher $($uninstall.Publisher)"
Assert ($uninstall.DisplayVersion) "uninstall entry: no version"

Write-Output "-- the installed command line"
$version = (& $cli --version)
Assert ($version -like "cedre-desk *") "--version said $version"
Assert ($version -eq "cedre-desk $($uninstall.DisplayVersion)") "the entry's version is not the program's"
$about = (& $cli about --format json | Out-String) | ConvertFrom-Json
Assert ($about.built) "the bundle does not know its build date"
$demo = "$work\demo.sqlite"
Invoke-Checked $cli @("demo", "--db", $demo, "--companies", "530", "--seed", "1")
Invoke-Checked $cli @("check", "--db", $demo)
Invoke-Checked $cli @("due", "--db", $demo, "--within", "90")
Invoke-Checked $cli @("export", "register", "--db", $demo, "-o", "$work\registre.xlsx")
Invoke-Checked $cli @("export", "report", "--db", $demo, "--audit", "1", "-o", "$work\rapport.pdf")
foreach ($kind in "xlsx", "pdf", "ics") {
    Invoke-Checked $cli @("export", "calendar", "--db", $demo, "-o", "$work\echeances.$kind")
}
$year = (Get-Date).Year - 1
foreach ($kind in "xlsx", "pdf") {
    Invoke-Checked $cli @("export", "stats", "--db", $demo, "--year", "$year", "-o", "$work\chiffres.$kind")
}

Write-Output "-- the installed window"
$window = Start-Process "$app\cedre-desk.exe" -ArgumentList "--db", "`"$demo`"" -PassThru
Start-Sleep -Seconds 20
Assert (-not $window.HasExited) "the window exited $($window.ExitCode)"
Stop-Process -Id $window.Id
Assert (-not (Test-Path "$($about.logs)\crash-*.log")) "the window wrote a crash log"

Write-Output "-- uninstall keeps the user's register and backups"
Invoke-Checked $cli @("demo", "--companies", "5")       # the default register, in the data folder
Invoke-Checked $cli @("backup")
$register = (& $cli about --format json | Out-String) | ConvertFrom-Json
Start-Process "$app\uninstall.exe" -ArgumentList "/S" -Wait
# The uninstaller runs from a copy of itself in %TEMP%: wait for it to finish.
for ($i = 0; $i -lt 60 -and (Test-Path $app); $i++) { Start-Sleep -Seconds 1 }
Assert (-not (Test-Path $app)) "left after uninstalling: $(Get-ChildItem -Recurse $app)"
Assert (-not (Test-Path $shortcut)) "the Start-menu shortcut is left"
Assert (-not (Test-Path $entry)) "the uninstall entry is left"
Assert (Test-Path $register.register) "the user's register went with the program"
Assert (Test-Path "$($register.backups)\*.sqlite") "the user's backups went with the program"
Write-Output "installed, run and uninstalled; kept: $($register.register) and its backups"
