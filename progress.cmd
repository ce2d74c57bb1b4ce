@echo off
rem Your progress through the workbook: runs every lesson's checks on YOUR code, then prints one
rem table: each lesson, its checks passed, and the first failing step with its hint.
rem Maven's own output goes to target\progress.log.
setlocal
cd /d "%~dp0"
for /d %%L in (exercises\lesson*) do if exist "%%L\target\surefire-reports" rmdir /s /q "%%L\target\surefire-reports"
if not exist target mkdir target
echo Running the checks of every lesson (about a minute; the details go to target\progress.log) ...
call "%~dp0mvnw.cmd" -B -fae -l target\progress.log -Dmaven.test.failure.ignore=true -f exercises\pom.xml test
rem JAVA_HOME may contain spaces and may itself be quoted: strip its quotes, quote the whole path.
set "JAVA_CMD=java"
if not defined JAVA_HOME goto run
set "JAVA_HOME_PLAIN=%JAVA_HOME:"=%"
set "JAVA_CMD=%JAVA_HOME_PLAIN%\bin\java.exe"
:run
"%JAVA_CMD%" -cp exercises\course\target\classes workbook.course.Progress exercises target\progress.log
