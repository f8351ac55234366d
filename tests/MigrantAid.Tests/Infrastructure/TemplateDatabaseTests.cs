using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MigrantAid.Tests.Infrastructure;

public sealed class TemplateDatabaseTests(AppFactory app) : IClassFixture<AppFactory>
{
    [SkippableFact]
    public async Task A_test_class_starts_from_the_template_and_start_up_seeding_adds_nothing()
    {
        Skip.If(TemplateDatabase.Disabled, "MIGRANTAID_TEST_TEMPLATE=off");
        var centres = await app.WithDbAsync(db => db.TrainingCentres.CountAsync());
        var users = await app.WithDbAsync(db => db.Users.CountAsync());
        Assert.True(app.StartedFromTemplate);
        Assert.True(centres >= 1600, $"{centres} centres");
        using var template = new SqliteConnection($"Data Source={TemplateDatabase.FilePath};Mode=ReadOnly;Pooling=False");
        template.Open();
        using var command = template.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM TrainingCentres), (SELECT COUNT(*) FROM AspNetUsers), (SELECT COUNT(*) FROM AuditEntries)";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(reader.GetInt32(0), centres);
        Assert.Equal(reader.GetInt32(1), users);
        Assert.Equal(reader.GetInt32(2), await app.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }
}
