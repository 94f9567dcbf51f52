// A render worker thread (src/render/pool.ts): the TypeScript sources run through tsx here too.
import { register } from 'tsx/esm/api';

register();
const { runTask } = await import('./tasks.ts');

export default runTask;
