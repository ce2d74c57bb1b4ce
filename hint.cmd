@echo off
rem The next hint for a lesson (see ./hint):  hint.cmd lesson03 [STEP] [--all]
call "%~dp0exercises\course\tool.cmd" Hint %*
