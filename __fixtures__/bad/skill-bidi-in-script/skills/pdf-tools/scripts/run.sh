#!/bin/sh
# check ‮
echo ok
