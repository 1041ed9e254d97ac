using System;
using System.Data.CData.Access;

class AccessReport
{
    static void Main()
    {
        using (var connection = new AccessConnection("DataSource=C:\\data\\orders.accdb; " +
            "Logfile=C:\\logs\\access.log; Verbosity=9;"))
        {
            connection.Open();
        }
    }
}
