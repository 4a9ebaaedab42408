# Existing host firewall of app1 (198.19.1.10)
Set-NetFirewallProfile -Profile Domain,Private,Public -DefaultInboundAction Block -DefaultOutboundAction Allow
New-NetFirewallRule -Name 'web-in' -DisplayName 'Web' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '443' -RemoteAddress '198.18.1.0/24' -LocalAddress '198.19.1.10'
New-NetFirewallRule -Name 'no-telnet' -DisplayName 'No telnet' -Direction Inbound -Action Block -Protocol TCP -LocalPort '23'
New-NetFirewallRule -Name 'ping-in' -DisplayName 'Ping from admin' -Direction Inbound -Action Allow -Protocol ICMPv4 -IcmpType '8' -RemoteAddress '198.18.9.9'
