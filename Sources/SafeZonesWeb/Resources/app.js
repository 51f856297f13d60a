// SafeZones script: progressive enhancement only
