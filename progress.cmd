@echo off
rem Your progress through the workbook: runs every lesson's checks on YOUR code, then prints one
rem table: each lesson, its checks passed, and the first failing step with its hint.
rem Maven's own output goes to target\progress.log.
setlocal
cd /d "%~dp0"
for /d %%L in (exercises\lesson*) do if exist "%%L\target\surefire-reports" rmdir /s /q "%%L\target\surefire-reports"
if not exist target mkdir target
echo Running the checks of every lesson (about a minute; the details go to target\progress.log) ...
call mvnw.cmd -B -fae -l target\progress.log -Dmaven.test.failure.ignore=true -f exercises\pom.xml test
set JAVA_CMD=java
if defined JAVA_HOME set JAVA_CMD="%JAVA_HOME%\bin\java"
%JAVA_CMD% -cp exercises\course\target\classes workbook.course.Progress exercises target\progress.log
