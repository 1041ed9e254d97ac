#!/bin/sh
# Registers the CData ODBC driver and a data source that uses it.
set -e
cat >> /etc/odbcinst.ini <<'INI'
[CData ODBC Driver for SharePoint]
Description=CData ODBC Driver for SharePoint 2024
Driver=/opt/cdata/cdata-odbc-driver-for-sharepoint/lib/libsharepointodbc.x64.so
Setup=/opt/cdata/cdata-odbc-driver-for-sharepoint/lib/libsharepointodbc.x64.so
UsageCount=1
INI
odbcinst -i -s -l -r <<'INI'
[CData SharePoint Source]
Driver=/opt/cdata/cdata-odbc-driver-for-sharepoint/lib/libsharepointodbc.x64.so
URL=https://contoso.sharepoint.com
InitiateOAuth=GETANDREFRESH;OAuthSettingsLocation=/var/cdata/sp.txt
INI
