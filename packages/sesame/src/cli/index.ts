/** The `sesame` command: `sesame secret` prints a new random secret for AUTH_SECRET. */
import { randomBytes } from "node:crypto";

const USAGE = `Usage: sesame <command>

Commands:
  secret   Print a new random secret to put in AUTH_SECRET (.env.local)`;

const [command] = process.argv.slice(2);
switch (command) {
  case "secret":
    // 32 random bytes: 256 bits, 43 base64url characters, well above the 32-character minimum.
    console.log(randomBytes(32).toString("base64url"));
    break;
  case undefined:
  case "help":
  case "--help":
  case "-h":
    console.log(USAGE);
    break;
  default:
    console.error(`Unknown command "${command}".\n\n${USAGE}`);
    process.exitCode = 2;
}
