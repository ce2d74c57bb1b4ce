@echo off
rem Restores one lesson's starter to its original state (see ./reset): reset lesson03 [--from REV]
setlocal
cd /d "%~dp0"
call mvnw.cmd -q -B -f exercises\course\pom.xml compile || exit /b 1
set JAVA_CMD=java
if defined JAVA_HOME set JAVA_CMD="%JAVA_HOME%\bin\java"
%JAVA_CMD% -cp exercises\course\target\classes workbook.course.Reset %*
