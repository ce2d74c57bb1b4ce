@echo off
rem Restores one lesson's starter to its original state (see ./reset): reset lesson03 [--from REV]
setlocal
cd /d "%~dp0"
call "%~dp0mvnw.cmd" -q -B -f exercises\course\pom.xml compile || exit /b 1
rem JAVA_HOME may contain spaces and may itself be quoted: strip its quotes, quote the whole path.
set "JAVA_CMD=java"
if not defined JAVA_HOME goto run
set "JAVA_HOME_PLAIN=%JAVA_HOME:"=%"
set "JAVA_CMD=%JAVA_HOME_PLAIN%\bin\java.exe"
:run
"%JAVA_CMD%" -cp exercises\course\target\classes workbook.course.Reset %*
