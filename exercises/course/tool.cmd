@echo off
rem Runs one of the course tools (workbook.course.NAME) on the machine's default java (17 or newer),
rem in the workbook's root, compiling the tools first when they are missing:
rem   exercises\course\tool.cmd NAME [ARGS...]      (the root scripts hint.cmd and watch.cmd use it)
setlocal
set ROOT=%~dp0..\..
set COURSE=%ROOT%\exercises\course
set MAIN=%1
shift
set ARGS=
:collect
if "%~1"=="" goto run
set ARGS=%ARGS% %1
shift
goto collect
:run
if not exist "%COURSE%\target\classes\workbook\course\%MAIN%.class" (
  call "%ROOT%\mvnw.cmd" -q -B -f "%COURSE%\pom.xml" compile || exit /b 1
)
set JAVA_CMD=java
if defined JAVA_HOME set JAVA_CMD="%JAVA_HOME%\bin\java"
cd /d "%ROOT%"
%JAVA_CMD% -cp "%COURSE%\target\classes" workbook.course.%MAIN% %ARGS%
