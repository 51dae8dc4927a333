// Required fields (issue 8): what the typings require, the runtime refuses, naming the field
// (the cases are shared with kassa-web: bindings-js/test/required.js).

import assert from 'node:assert/strict';
import { test } from 'node:test';

import * as kassa from '../index.js';
import { requiredFields } from '../../bindings-js/test/required.js';

requiredFields(kassa, test, assert);
