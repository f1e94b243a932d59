// Tests never reach the network: any attempt to open a socket fails loudly.
import net from 'node:net';
import tls from 'node:tls';

const refuse = () => {
  throw new Error('network access is disabled in tests');
};
net.connect = refuse as typeof net.connect;
net.createConnection = refuse as typeof net.createConnection;
tls.connect = refuse as typeof tls.connect;
globalThis.fetch = (async () => refuse()) as typeof fetch;
