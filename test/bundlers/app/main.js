// The page's entry: what each bundler builds (and the plain page imports through an import map).
import * as tf from 'ascent';
import { train } from './train.js';
import { report } from './report.js';

report(train(tf));
