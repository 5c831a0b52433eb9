"""ordex as a Peppol access point: the room for everything that crosses to other hubs.

A document whose receiver is hosted on this hub is delivered locally, as always. One
whose receiver is elsewhere on Peppol is looked up (SML DNS → SMP → the receiver's AS4
endpoint and certificate) and sent over AS4 from the outbox; AS4 messages from other
access points arrive at ``POST /as4`` and take the same receive path as a local send.
This hub also answers SMP queries for the parties it hosts (``/smp/...``).

- ``ports``: what the rest of ordex sees (``Directory``, ``Endpoint``, ``PeppolSettings``);
  the libraries (``as4``, ``dnspython``, ``signxml``, ``cryptography``) stay behind them.
Nothing here runs unless ``ORDEX_PEPPOL_AP_CERT`` is set: without it ordex is a local hub.
"""
