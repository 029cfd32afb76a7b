#!/usr/bin/env node
'use strict';
// The command's entry, kept out of dist/ so that npm can link it at install time, before a
// fresh clone is built.
require('../dist/bin.js');
