// The server's entry: `npm run server`, `npm start` and the packaged `teamchat-server`
// command. The commands are in server/cli/.
import { runServerCommand } from './cli/main';

void runServerCommand(process.argv.slice(2), process.env);
