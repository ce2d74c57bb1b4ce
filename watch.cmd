@echo off
rem Checks a lesson on every save (see ./watch):  watch.cmd lesson03   (Ctrl-C stops)
call "%~dp0exercises\course\tool.cmd" Watch %*
