// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IAdMarket} from "../src/interfaces/IAdMarket.sol";
import {IPlots} from "../src/interfaces/IPlots.sol";
import {AdMarketBase} from "./AdMarketBase.t.sol";

/// @dev Every privileged function reverts for every role but its own: admin, settler, guardian,
/// advertiser (alice), plot owner (bob), anyone (carol), and any fuzzed address.
contract AccessControlTest is AdMarketBase {
    struct Gate {
        address target;
        bytes data;
        bytes32 role;
    }

    uint256 internal campaignId;

    function setUp() public override {
        super.setUp();
        campaignId = _create(alice, _targets(1));
        vm.prank(bob);
        plots.buy(PARIS, PRICE);
        // A pending epoch, so that vetoEpoch would succeed for the guardian.
        vm.prank(admin);
        market.setChallengePeriod(1 days);
        vm.prank(settler);
        market.postEpoch(
            1, keccak256("r"), 0, uint40(block.timestamp), bytes32(0), new uint256[](0), new uint256[](0)
        );
    }

    /// @dev The role-gated functions of AdMarket and Plots, each with valid arguments.
    function _gates() internal view returns (Gate[] memory g) {
        bytes32 adminRole = market.DEFAULT_ADMIN_ROLE();
        uint256[] memory none = new uint256[](0);
        g = new Gate[](14);
        g[0] = Gate(address(market), abi.encodeCall(market.setSplit, (5000, 3000, 2000)), adminRole);
        g[1] = Gate(address(market), abi.encodeCall(market.setMinCpc, (1)), adminRole);
        g[2] = Gate(address(market), abi.encodeCall(market.setChallengePeriod, (0)), adminRole);
        g[3] = Gate(address(market), abi.encodeCall(market.setTreasury, (carol)), adminRole);
        g[4] = Gate(
            address(market),
            abi.encodeCall(market.scheduleRoleGrant, (market.SETTLER_ROLE(), carol)),
            adminRole
        );
        g[5] = Gate(
            address(market), abi.encodeCall(market.revokeRole, (market.SETTLER_ROLE(), settler)), adminRole
        );
        g[6] = Gate(
            address(market),
            abi.encodeCall(
                market.postEpoch, (2, keccak256("x"), 0, uint40(block.timestamp), bytes32(0), none, none)
            ),
            market.SETTLER_ROLE()
        );
        g[7] =
            Gate(address(market), abi.encodeCall(market.settleSpend, (2, none, none)), market.SETTLER_ROLE());
        g[8] = Gate(address(market), abi.encodeCall(market.vetoEpoch, (1)), market.GUARDIAN_ROLE());
        g[9] = Gate(address(plots), abi.encodeCall(plots.setPrimaryPrice, (1)), adminRole);
        g[10] = Gate(address(plots), abi.encodeCall(plots.setMarketFee, (100)), adminRole);
        g[11] = Gate(address(plots), abi.encodeCall(plots.setTreasury, (carol)), adminRole);
        g[12] = Gate(address(plots), abi.encodeCall(plots.grantRole, (adminRole, carol)), adminRole);
        g[13] = Gate(address(plots), abi.encodeCall(plots.revokeRole, (adminRole, admin)), adminRole);
    }

    function _expectUnauthorized(Gate memory gate, address caller) internal {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, caller, gate.role
            )
        );
        vm.prank(caller);
        (bool ok,) = gate.target.call(gate.data);
        ok; // the expected revert is asserted by expectRevert
    }

    function test_roleGates_revertForEveryOtherRole() public {
        address[6] memory callers = [admin, settler, guardian, alice, bob, carol];
        Gate[] memory gates = _gates();
        for (uint256 i; i < gates.length; ++i) {
            for (uint256 j; j < callers.length; ++j) {
                if (IAccessControl(gates[i].target).hasRole(gates[i].role, callers[j])) continue;
                _expectUnauthorized(gates[i], callers[j]);
            }
        }
    }

    function test_roleGates_passForTheirRole() public {
        Gate[] memory gates = _gates();
        for (uint256 i; i < gates.length; ++i) {
            uint256 snap = vm.snapshotState();
            address holder = gates[i].role == market.SETTLER_ROLE()
                ? settler
                : gates[i].role == market.GUARDIAN_ROLE() ? guardian : admin;
            vm.prank(holder);
            (bool ok,) = gates[i].target.call(gates[i].data);
            assertTrue(ok, vm.toString(i));
            vm.revertToState(snap);
        }
    }

    function testFuzz_roleGates_revertForStrangers(address stranger, uint8 which) public {
        Gate[] memory gates = _gates();
        Gate memory gate = gates[which % gates.length];
        vm.assume(!IAccessControl(gate.target).hasRole(gate.role, stranger));
        _expectUnauthorized(gate, stranger);
    }

    /// @dev Campaign management belongs to the advertiser alone, even against the admin.
    function test_campaignManagement_revertsForEveryOtherRole() public {
        address[5] memory callers = [admin, settler, guardian, bob, carol];
        bytes[5] memory calls = [
            abi.encodeCall(market.pauseCampaign, (campaignId)),
            abi.encodeCall(market.resumeCampaign, (campaignId)),
            abi.encodeCall(market.topUp, (campaignId, 1e18)),
            abi.encodeCall(market.extend, (campaignId, end + 1)),
            abi.encodeCall(market.endCampaign, (campaignId))
        ];
        for (uint256 i; i < calls.length; ++i) {
            for (uint256 j; j < callers.length; ++j) {
                vm.expectRevert(
                    abi.encodeWithSelector(IAdMarket.NotAdvertiser.selector, campaignId, callers[j])
                );
                vm.prank(callers[j]);
                (bool ok,) = address(market).call(calls[i]);
                ok;
            }
        }
        vm.warp(end + 1);
        vm.prank(settler);
        market.postEpoch(2, keccak256("r2"), 0, end, bytes32(0), new uint256[](0), new uint256[](0));
        for (uint256 j; j < callers.length; ++j) {
            vm.expectRevert(abi.encodeWithSelector(IAdMarket.NotAdvertiser.selector, campaignId, callers[j]));
            vm.prank(callers[j]);
            market.withdrawUnspent(campaignId);
        }
    }

    /// @dev Listing and cancelling belong to the plot's owner, even against the admin.
    function test_plotMarket_revertsForEveryOtherRole() public {
        address[5] memory callers = [admin, settler, guardian, alice, carol];
        vm.prank(bob);
        plots.list(PARIS, 1e18, uint64(block.timestamp + 1 days));
        for (uint256 j; j < callers.length; ++j) {
            vm.expectRevert(abi.encodeWithSelector(IPlots.NotPlotOwner.selector, PARIS, callers[j], bob));
            vm.prank(callers[j]);
            plots.list(PARIS, 1, uint64(block.timestamp + 1 days));
            vm.expectRevert(abi.encodeWithSelector(IPlots.NotPlotOwner.selector, PARIS, callers[j], bob));
            vm.prank(callers[j]);
            plots.cancel(PARIS);
        }
        assertEq(plots.listingOf(PARIS).seller, bob);
    }
}
