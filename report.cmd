@echo off
rem The teacher's grading report (see the comments in ./report): report classroom\  or  report --autograding
setlocal
set ROOT=%~dp0
call "%ROOT%mvnw.cmd" -q -B -f "%ROOT%exercises\course\pom.xml" compile || exit /b 1
set JAVA_CMD=java
if defined JAVA_HOME set JAVA_CMD="%JAVA_HOME%\bin\java"
%JAVA_CMD% -cp "%ROOT%exercises\course\target\classes" workbook.course.Report --reference "%ROOT%." %*
