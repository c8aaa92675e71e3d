"""A real SMTP server for the tests, on aiosmtpd (Debian's python3-aiosmtpd).

Usage: python3 smtp_server.py DIRECTORY

Listens on 127.0.0.1 on a port the system picks and prints "LISTENING <port>" once it accepts connections.
Each accepted message is written to DIRECTORY as NNNNNN.json (envelope sender, recipients, base64 of the raw
message) before the server answers 250, so a client that saw 250 finds the file. Recipients whose local part
starts with "reject" get 550, with "defer" get 451. Exits when its standard input closes.
"""
import asyncio
import base64
import json
import os
import sys

from aiosmtpd.smtp import SMTP


class Recorder:
    def __init__(self, directory):
        self.directory = directory
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0].lower()
        if local.startswith("reject"):
            return "550 5.1.1 No such mailbox here"
        if local.startswith("defer"):
            return "451 4.3.0 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        path = os.path.join(self.directory, "%06d.json" % self.count)
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "data": base64.b64encode(envelope.original_content or envelope.content).decode("ascii"),
        }
        with open(path + ".tmp", "w", encoding="utf-8") as file:
            json.dump(record, file)
        os.replace(path + ".tmp", path)
        return "250 2.0.0 Message accepted"


async def main(directory):
    loop = asyncio.get_running_loop()
    handler = Recorder(directory)
    server = await loop.create_server(
        lambda: SMTP(handler, hostname="smtp.test", enable_SMTPUTF8=True, decode_data=False),
        host="127.0.0.1",
        port=0,
    )
    port = server.sockets[0].getsockname()[1]
    print("LISTENING %d" % port, flush=True)
    await loop.run_in_executor(None, sys.stdin.read)
    server.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
