// Infrastructure: code-server serves the workbench, it opens the fixture folder, and the packaged
// extension is installed. Needs nothing from the extension beyond its manifest.
export default {
  name: 'smoke',
  workspace: 'generate-go-work',
  async run(wb) {
    await wb.step('explorer-shows-folder', () => wb.waitForFolder('README.md'));
    await wb.step('open-main-go', () => wb.openFile('app/main.go'));
    await wb.step('extension-installed', async () => {
      await wb.runCommand('Extensions: Show Installed Extensions');
      await wb.page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'Go Module Doctor' }).first().waitFor();
    });
  },
};
