import { createFromTemplate } from '../services/template.js';

/** Makes a workbook from the template at argv[2] and exits: the process the creation kill test kills. */
const store = await createFromTemplate(process.argv[2] ?? '');
await store.close();
process.stdout.write('made\n');
