import { errorMessage } from '../../common/error-message';
import { rotateSecretFile } from '../auth/server-secret';
import { ConfigError, type ServerConfig } from '../config';
import { CommandFailed } from './command';

/** rotate-secret: a new token secret in the file; running servers on it switch within seconds. */
export function rotateSecret(config: ServerConfig): void {
  if (config.jwtSecret) {
    throw new ConfigError('JWT_SECRET is set, so there is no secret file to rotate: give the servers a new JWT_SECRET and restart them.');
  }
  try {
    rotateSecretFile(config.secretFile);
  } catch (error) {
    throw new CommandFailed(`The secret was not rotated: ${errorMessage(error)}`);
  }
  console.log(`Rotated the token secret in ${config.secretFile}. Running servers refuse older access tokens within seconds; clients refresh them and stay signed in.`);
}
