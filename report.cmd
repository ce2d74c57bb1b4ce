@echo off
rem The teacher's grading report (see the comments in ./report): report classroom\  or  report --autograding
setlocal
set "ROOT=%~dp0"
call "%ROOT%mvnw.cmd" -q -B -f "%ROOT%exercises\course\pom.xml" compile || exit /b 1
rem JAVA_HOME may contain spaces and may itself be quoted: strip its quotes, quote the whole path.
set "JAVA_CMD=java"
if not defined JAVA_HOME goto run
set "JAVA_HOME_PLAIN=%JAVA_HOME:"=%"
set "JAVA_CMD=%JAVA_HOME_PLAIN%\bin\java.exe"
:run
"%JAVA_CMD%" -cp "%ROOT%exercises\course\target\classes" workbook.course.Report --reference "%ROOT%." %*
